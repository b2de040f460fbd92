import Foundation

/// Severity of a log line. The threshold comes from `PERPETUAL_LOG_LEVEL`
/// (`debug`, `info`, `warning`, `error`; default `info`).
public enum LogLevel: Int, Comparable, Sendable, CaseIterable {
    case debug, info, warning, error

    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rawValue < rhs.rawValue }

    public var label: String {
        switch self {
        case .debug: "DEBUG"
        case .info: "INFO"
        case .warning: "WARN"
        case .error: "ERROR"
        }
    }

    public init?(name: String) {
        switch name.lowercased() {
        case "debug": self = .debug
        case "info": self = .info
        case "warning", "warn": self = .warning
        case "error": self = .error
        default: return nil
        }
    }
}

/// Writes log lines to standard error as
/// `2026-12-04T20:45:01.123Z INFO  [rank 0 node17] message`.
///
/// Each line goes out in one `write(2)` call, so lines from several ranks
/// sharing one output file do not interleave within a line.
public struct Logger: Sendable {
    public var threshold: LogLevel
    public var rank: Int
    public var host: String

    public init(threshold: LogLevel, rank: Int, host: String) {
        self.threshold = threshold
        self.rank = rank
        self.host = host
    }

    /// Creates a logger from the environment: the level from
    /// `PERPETUAL_LOG_LEVEL`, the rank from the variables that `mpirun` and
    /// `srun` set, and the host name.
    public static func fromEnvironment() -> Logger {
        let environment = ProcessInfo.processInfo.environment
        let level = environment["PERPETUAL_LOG_LEVEL"].flatMap(LogLevel.init(name:)) ?? .info
        let rank = ["OMPI_COMM_WORLD_RANK", "PMIX_RANK", "SLURM_PROCID"]
            .lazy.compactMap { environment[$0].flatMap(Int.init) }.first ?? 0
        return Logger(threshold: level, rank: rank, host: hostName())
    }

    /// Returns this logger for rank `rank`. Ranks other than 0
    /// log warnings and errors only, so that progress appears once per job;
    /// a threshold above `info` applies to every rank.
    public func forRank(_ rank: Int) -> Logger {
        var logger = self
        logger.rank = rank
        if rank != 0 {
            logger.threshold = max(threshold, .warning)
        }
        return logger
    }

    public func debug(_ message: @autoclosure () -> String) { log(.debug, message()) }
    public func info(_ message: @autoclosure () -> String) { log(.info, message()) }
    public func warning(_ message: @autoclosure () -> String) { log(.warning, message()) }
    public func error(_ message: @autoclosure () -> String) { log(.error, message()) }

    public func log(_ level: LogLevel, _ message: @autoclosure () -> String) {
        guard level >= threshold else { return }
        let label = level.label.padding(toLength: 5)
        let line = "\(utcTimestamp()) \(label) [rank \(rank) \(host)] \(message())\n"
        var bytes = Array(line.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(2, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 {
                    if written < 0 && errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }
}

/// Returns the current UTC time as ISO 8601 with milliseconds.
func utcTimestamp() -> String {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    var seconds = spec.tv_sec
    var parts = tm()
    gmtime_r(&seconds, &parts)
    return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                  Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
                  Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), Int(spec.tv_nsec / 1_000_000))
}

/// Returns the short host name, or `unknown-host` when it cannot be read.
func hostName() -> String {
    var buffer = [CChar](repeating: 0, count: 256)
    guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown-host" }
    let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    return name.split(separator: ".").first.map(String.init) ?? name
}

extension String {
    func padding(toLength length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }
}
