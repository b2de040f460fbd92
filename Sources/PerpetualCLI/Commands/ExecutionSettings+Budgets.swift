import Foundation
import PerpetualCore

/// The options of the disk and core-hours budgets and of Daly's interval.
extension ExecutionSettings {
    mutating func parseBudgetOptions(_ values: OptionValues) throws {
        if let text = values["mtbi"], text != "none" {
            mtbiSeconds = try Self.parsePositiveTime(text, option: "mtbi")
        }
        if let text = values["disk-reserve"], text.trimmingSpaces() != "none" {
            diskReserveBytes = try Self.parseReserve(text)
        }
        if let text = values["core-hours"], text.trimmingSpaces() != "none" {
            // The bound is the one `jobscript` applies, whose script counts
            // core-seconds in 64-bit integers.
            coreHoursLimit = try values.double("core-hours", expectation: "a positive number of core-hours, such as 5000 or 12.5, at most 10^15") {
                $0 > 0 && $0 <= 1e15
            }
        }
        if let text = values["cores-per-rank"], text.trimmingSpaces() != "auto" {
            coresPerRank = try values.integer("cores-per-rank", in: 1...1_000_000)
        }
    }

    /// Returns the cores charged per rank: `--cores-per-rank`, else
    /// `SLURM_CPUS_PER_TASK` when it is a positive integer, else 1.
    func resolvedCoresPerRank(environment: [String: String] = ProcessInfo.processInfo.environment) -> Int {
        if let coresPerRank { return coresPerRank }
        if let text = environment["SLURM_CPUS_PER_TASK"], let cores = Int(text), cores >= 1 { return cores }
        return 1
    }

    private static func parsePositiveTime(_ text: String, option: String) throws -> Double {
        let seconds: Double?
        do {
            seconds = try Walltime.parse(text).seconds
        } catch {
            throw UsageError("invalid value '\(text)' for --\(option): \(error)", command: "run")
        }
        guard let seconds, seconds > 0, seconds.isFinite else {
            throw UsageError("invalid value '\(text)' for --\(option): expected a positive, finite time such as 6h or 2d", command: "run")
        }
        return seconds
    }

    /// Parses `--disk-reserve`, where a zero size such as `0B` is allowed.
    private static func parseReserve(_ text: String) throws -> Int {
        // ByteSize accepts only positive sizes; a reserve of nothing is valid.
        if ["0", "0B"].contains(text.trimmingSpaces()) {
            return 0
        }
        do {
            return try ByteSize.parse(text)
        } catch {
            throw UsageError("invalid value '\(text)' for --disk-reserve: \(error.reason). Expected \(ByteSize.acceptedForms), or none", command: "run")
        }
    }
}
