import Foundation
import Testing

/// Malformed `--config` files: each is rejected with exit 64 and a message
/// that names the file and what is wrong, and no checkpoint is written.
@Suite struct HostileConfigurationTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var label: String
        var contents: [UInt8]
        var messageFragments: [String]
        var testDescription: String { label }

        init(_ label: String, _ text: String, _ messageFragments: [String]) {
            self.label = label
            self.contents = Array(text.utf8)
            self.messageFragments = messageFragments
        }

        init(_ label: String, bytes: [UInt8], _ messageFragments: [String]) {
            self.label = label
            self.contents = bytes
            self.messageFragments = messageFragments
        }
    }

    /// 10,000 nested arrays, deeper than any JSON parser should recurse
    /// without a limit.
    static let deepNesting = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)

    static let cases: [Case] = [
        Case("empty file", "", ["job.json", "not valid JSON"]),
        Case("whitespace only", "  \n\t ", ["job.json", "not valid JSON"]),
        Case("binary garbage", bytes: [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0xFF, 0xFE, 0x7F],
             ["job.json", "not valid JSON"]),
        Case("top-level array", #"[{"seed": 1}]"#, ["job.json", "one JSON object"]),
        Case("top-level number", "42", ["job.json", "one JSON object"]),
        Case("nested object value", #"{"seed": {"value": 1}}"#, ["'seed'", "string, number or boolean"]),
        Case("array value", #"{"seed": 1, "draws": [1, 2]}"#, ["'draws'", "string, number or boolean"]),
        Case("null value", #"{"seed": null}"#, ["'seed'", "null"]),
        Case("deep nesting", deepNesting, ["job.json"]),
        Case("deep nesting in a value", #"{"seed": "# + deepNesting + "}", ["job.json"]),
        Case("unknown key", #"{"seed": 1, "sead": 2}"#, ["'sead'", "did you mean 'seed'"]),
        Case("key of another kernel", #"{"seed": 1, "cells": 4}"#, ["'cells'", "mcmc"]),
        Case("wrong type for draws", #"{"seed": 1, "draws": true}"#, ["--draws", "'true'"]),
        Case("string for chains", #"{"seed": 1, "chains": "four"}"#, ["--chains", "'four'"]),
        Case("fractional draws", #"{"seed": 1, "draws": 2.5}"#, ["--draws", "'2.5'"]),
        Case("huge integer", #"{"seed": 1, "draws": 123456789012345678901234567890}"#, ["--draws"]),
        Case("huge exponent", #"{"seed": 1, "target-acceptance": 1e400}"#, ["job.json"]),
        Case("negative seed", #"{"seed": -1}"#, ["--seed", "'-1'"]),
        Case("seed beyond 64 bits", #"{"seed": 18446744073709551616}"#, ["--seed"]),
        Case("NaN literal", #"{"seed": 1, "target-acceptance": NaN}"#, ["job.json", "not valid JSON"]),
        Case("NaN as a string", #"{"seed": 1, "target-acceptance": "nan"}"#, ["--target-acceptance", "'nan'"]),
        Case("Infinity as a string", #"{"seed": 1, "stop-threshold": "inf"}"#, ["--stop-threshold", "'inf'"]),
        Case("truncated document", #"{"seed": 1, "draws": "#, ["job.json", "not valid JSON"]),
        Case("invalid UTF-8 in a key", bytes: Array(#"{"se"#.utf8) + [0xC3, 0x28] + Array(#"ed": 1}"#.utf8), ["job.json"]),
        Case("unicode key", #"{"seed": 1, "dräws": 10}"#, ["'dräws'"]),
        Case("very long value", #"{"seed": 1, "model": ""# + String(repeating: "x", count: 100_000) + #""}"#, ["--model"]),
        Case("invocation key", #"{"seed": 1, "config": "other.json"}"#, ["'config'"]),
    ]

    @Test(arguments: cases)
    func rejected(_ testCase: Case) throws {
        let scratch = try ScratchDirectory("hostile-config")
        defer { scratch.remove() }
        try Data(testCase.contents).write(to: scratch.url.appendingPathComponent("job.json"))

        // A file that is wrongly accepted starts a job: one step keeps it short.
        let result = try HostileInput.run(["run", "--config", "job.json", "--segment-steps", "1"], in: scratch.url)
        let stderr = HostileInput.excerpt(result.standardError, limit: 600)

        #expect(result.exitCode == 64, "stderr: \(stderr)")
        for fragment in testCase.messageFragments {
            #expect(result.standardError.contains(fragment), "stderr lacks \(fragment): \(stderr)")
        }
        let written = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).filter { $0.hasSuffix(".h5") }
        #expect(written.isEmpty, "files written: \(written)")
    }

    @Test func missingFileIsNamed() throws {
        let scratch = try ScratchDirectory("hostile-config-missing")
        defer { scratch.remove() }

        let result = try HostileInput.run(["run", "--config", "absent.json"], in: scratch.url)

        #expect(result.exitCode == 64)
        #expect(result.standardError.contains("absent.json"))
    }

    @Test func directoryInPlaceOfFile() throws {
        let scratch = try ScratchDirectory("hostile-config-directory")
        defer { scratch.remove() }
        try FileManager.default.createDirectory(at: scratch.url.appendingPathComponent("job.json"), withIntermediateDirectories: false)

        let result = try HostileInput.run(["run", "--config", "job.json"], in: scratch.url)

        #expect(result.exitCode == 64, "stderr: \(result.standardError)")
        #expect(result.standardError.contains("job.json"))
    }
}
