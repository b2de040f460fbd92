import Foundation
import PerpetualCore
import PerpetualSlurm
import Testing
@testable import PerpetualCLI

/// Generated argument vectors and configuration documents fed to the
/// parsers in-process: each either parses or throws the command line's
/// typed error. A trap would end the test process, so reaching the
/// expectations at all is part of the check.
///
/// The inputs come from a counter-based generator with a fixed seed, so a
/// failure names a case index that reproduces on every run.
@Suite struct ParserPropertyTests {
    static let seed: UInt64 = 0x5EED_2026_1204
    static let argumentVectorCount = 3_000
    static let documentCount = 2_000

    /// Pieces that generated values are built from: numbers at the edges of
    /// the integer and floating-point ranges, unit forms, names, and text
    /// that shells and parsers treat specially.
    static let valueAtoms: [String] = [
        "", " ", "0", "1", "-1", "2", "4", "10", "0.5", "1.5", "-0", "+3", "007",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808",
        "18446744073709551615", "18446744073709551616", "99999999999999999999999",
        "1e308", "1e309", "-1e309", "4.9e-324", "nan", "NaN", "inf", "-inf", "infinity", "0x10",
        "1:00", "1:75:00", "2-00:00:00", "999999999-23:59:59", "99999999999999", "UNLIMITED", "infinite",
        "90s", "15m", "1.5h", "1d", "1e3s", "none", "true", "false",
        "256MiB", "4G", "1TiB", "8EiB", "500MB", "1b", "none",
        "eight-schools", "logistic-regression", "nuts", "rwm", "mcmc", "md", "train", "adam", "sgd",
        "predictive", "threshold", "langevin", "simd", "scalar", "128,64", "5:64,10:256", ",", "0:0",
        "$(touch pwned)", "`id`", "a;b", "'", "\"", "\\", "\n", "\t", "\u{0}", "٣", "😀", "é", "\u{202E}",
        "=", "--", "-", "--=", "---x",
    ]

    /// A small deterministic generator over ``CounterRNG``.
    struct Generator {
        var rng: CounterRNG

        init(seed: UInt64, stream: UInt32) {
            rng = CounterRNG(seed: seed, stream: stream, step: 0)
        }

        mutating func below(_ bound: Int) -> Int {
            Int(rng.next() % UInt64(bound))
        }

        mutating func pick<T>(_ items: [T]) -> T {
            items[below(items.count)]
        }

        mutating func chance(_ percent: Int) -> Bool {
            below(100) < percent
        }

        /// Returns a value: one atom, two atoms joined, a long run of one
        /// character, or random Unicode scalars.
        mutating func value() -> String {
            switch below(10) {
            case 0..<6: return pick(ParserPropertyTests.valueAtoms)
            case 6..<8: return pick(ParserPropertyTests.valueAtoms) + pick(ParserPropertyTests.valueAtoms)
            case 8: return String(repeating: pick(["9", "a", "-", ":"]), count: 1 + below(3_000))
            default:
                var scalars = String.UnicodeScalarView()
                for _ in 0..<below(12) {
                    let code = UInt32(below(0x11_0000))
                    scalars.append(Unicode.Scalar(code) ?? "?")
                }
                return String(scalars)
            }
        }
    }

    /// Builds one argument vector of up to 12 tokens from the `run` options.
    /// Half start from a valid `--seed 1` and add one option, so that the
    /// checks behind a successful parse run too.
    static func argumentVector(_ generator: inout Generator, options: [OptionSpec]) -> [String] {
        if generator.chance(50) {
            let option = generator.pick(options.filter { $0.name != "seed" && $0.name != "config" })
            return option.isFlag ? ["--seed", "1", "--\(option.name)"] : ["--seed", "1", "--\(option.name)", generator.value()]
        }
        var arguments: [String] = []
        for _ in 0..<generator.below(12) {
            let option = generator.pick(options)
            switch generator.below(10) {
            case 0..<5: arguments += ["--\(option.name)", generator.value()]
            case 5..<7: arguments.append("--\(option.name)=\(generator.value())")
            case 7: arguments.append("--\(option.name)")
            case 8: arguments.append(generator.value())
            default: arguments.append(generator.pick(["--", "-x", "--\(option.name)x", "--seed", "--kernel", "md", "train"]))
            }
        }
        return arguments
    }

    /// Runs everything `simrun run` checks before it starts a kernel:
    /// parsing, resolution, the execution settings and the kernel settings.
    static func validateRun(_ arguments: [String]) throws {
        let parsed = try ArgumentParser(command: "run", options: Simrun.allRunOptions()).parse(arguments)
        try validateResolved(try OptionResolution.resolveFresh(parsed))
    }

    static func validateResolved(_ values: OptionValues) throws {
        _ = try ExecutionSettings(values)
        switch try values.required("kernel") {
        case "md":
            try MDEntry.configuration(values).validate()
        case "train":
            _ = try TrainEntry.configuration(values)
            _ = try TrainEntry.deviceCapacity(values)
        default:
            // Building the MCMC kernel is cheap: it allocates per chain, and
            // chains are bounded by the option's range.
            _ = try MCMCEntry.makeKernel(values)
        }
    }

    /// Returns whether `simrun` maps `error` to exit 64 or 65.
    static func isTypedInputError(_ error: any Error) -> Bool {
        let code = Simrun.exitCode(for: error)
        return code == .usage || code == .badInput
    }

    @Test func generatedArgumentVectors() {
        var generator = Generator(seed: Self.seed, stream: 0)
        let options = Simrun.allRunOptions()
        var parsedCount = 0
        for index in 0..<Self.argumentVectorCount {
            let arguments = Self.argumentVector(&generator, options: options)
            do {
                try Self.validateRun(arguments)
                parsedCount += 1
            } catch {
                #expect(Self.isTypedInputError(error), "case \(index) \(arguments.map(\.debugDescription)): untyped error \(type(of: error)): \(error)")
            }
        }
        // Some generated lines are valid; a generator that only produces
        // garbage would not test the accepting paths.
        #expect(parsedCount > 0)
    }

    /// Returns a generated JSON document: mostly an object of known keys
    /// with scalar values, sometimes nested, mistyped or cut short.
    static func document(_ generator: inout Generator, keys: [String]) -> String {
        func scalar() -> String {
            switch generator.below(8) {
            case 0: return "\(generator.pick(["-", ""]))\(generator.pick(valueAtoms.filter { Double($0) != nil }))"
            case 1: return generator.pick(["true", "false", "null", "1e999", "-0.0", "123456789012345678901234567890", "NaN"])
            case 2: return "[" + (0..<generator.below(4)).map { _ in scalar() }.joined(separator: ",") + "]"
            case 3: return String(repeating: "[", count: generator.below(3_000)) + String(repeating: "]", count: generator.below(3_000))
            default:
                let data = try! JSONSerialization.data(withJSONObject: [generator.value()], options: [.fragmentsAllowed])
                return String(decoding: data.dropFirst().dropLast(), as: UTF8.self)
            }
        }
        var members: [String] = []
        for _ in 0..<generator.below(8) {
            let key = generator.chance(85) ? generator.pick(keys) : generator.value()
            let keyJSON = String(decoding: try! JSONSerialization.data(withJSONObject: [key]).dropFirst().dropLast(), as: UTF8.self)
            members.append("\(keyJSON): \(scalar())")
        }
        var text = "{" + members.joined(separator: ", ") + "}"
        switch generator.below(10) {
        case 0: text = String(text.prefix(generator.below(text.count + 1)))
        case 1: text = "[" + text + "]"
        case 2: text.insert(Character(Unicode.Scalar(UInt8(generator.below(256)))), at: text.index(text.startIndex, offsetBy: generator.below(text.count + 1)))
        default: break
        }
        return text
    }

    @Test func generatedConfigurationDocuments() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("perpetual-config-property-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var generator = Generator(seed: Self.seed, stream: 1)
        let keys = Simrun.allRunOptions().map(\.name)
        let path = directory.appendingPathComponent("job.json").path

        for index in 0..<Self.documentCount {
            let text = Self.document(&generator, keys: keys)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            var parsed = ParsedArguments()
            parsed.values["config"] = path
            do {
                try Self.validateResolved(try OptionResolution.resolveFresh(parsed))
            } catch {
                #expect(Self.isTypedInputError(error), "document \(index) \(HostileInput.excerpt(text, limit: 300)): untyped error \(type(of: error)): \(error)")
            }
        }
    }

    /// Time limits that parse must render into a job script or be rejected
    /// with ``SlurmError``: rendering never traps on a large limit.
    @Test func generatedTimeLimits() {
        var generator = Generator(seed: Self.seed, stream: 2)
        var renderedCount = 0
        for index in 0..<Self.argumentVectorCount {
            let text = generator.value()
            guard let limit = try? Walltime.parse(text) else { continue }
            let settings = JobscriptSettings(
                timeLimit: limit, jobName: "property", outputPattern: "%x-%j.out", signalLeadSeconds: 60,
                simrunPath: "/usr/bin/simrun", workingDirectory: "/tmp", scriptPath: "/tmp/job.sh",
                checkpointPath: "job.h5", runArguments: ["--seed", "1"])
            do {
                _ = try JobscriptRenderer.render(settings, template: "#!/bin/bash\n@@DIRECTIVES@@\n@@SETTINGS@@\n")
                renderedCount += 1
            } catch {
                #expect(error is SlurmError, "case \(index) '\(text)': \(type(of: error)): \(error)")
            }
        }
        #expect(renderedCount > 0)
    }
}
