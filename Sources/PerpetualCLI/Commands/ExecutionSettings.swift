import PerpetualCore

/// Settings of one segment of a job, from the execution options.
struct ExecutionSettings: Sendable {
    enum Policy: String, Sendable { case predictive, threshold }

    var checkpointPath: String
    /// Wall-clock budget in seconds; `nil` means unlimited.
    var walltimeSeconds: Double?
    var checkpointEverySteps: Int?
    var checkpointEverySeconds: Double?
    var keepGenerations: Int
    var policy: Policy
    var stopThreshold: Double
    var segmentSteps: Int?
    var progressInterval: Double
    /// Seconds of work between collective stop checks of an MPI job.
    var coordinationInterval: Double
    /// Host memory limit set by hand, in bytes; `nil` for none.
    var memoryLimit: Int?
    /// Fraction of the host memory limit at which the job stops.
    var memoryThreshold: Double
    /// Reserved fraction of a kernel's device at which the device is
    /// released and restored; only kernels with a device have the option.
    var deviceThreshold: Double = 0.85
    var deviceRestartPolicy: DeviceRestartPolicy = .ifHelpful
    /// Whether periodic checkpoints follow Daly's interval (`--checkpoint-every auto`).
    var checkpointEveryAuto = false
    /// Mean time between interruptions from `--mtbi`, in seconds.
    var mtbiSeconds: Double?
    /// Bytes to keep free after a checkpoint; `nil` turns the disk budget off.
    var diskReserveBytes: Int?
    /// Core-hours the whole chain may use; `nil` for no limit.
    var coreHoursLimit: Double?
    /// Cores charged per rank; `nil` means `auto`.
    var coresPerRank: Int?

    init(_ values: OptionValues) throws {
        checkpointPath = try values.required("checkpoint")
        walltimeSeconds = try Self.parseWalltime(try values.required("walltime"))
        keepGenerations = try values.integer("keep", in: 1...100)
        policy = Policy(rawValue: try values.choice("stop-policy", among: ["predictive", "threshold"]))!
        stopThreshold = try values.double("stop-threshold", expectation: "a fraction with 0 < FRACTION ≤ 1") { $0 > 0 && $0 <= 1 }
        segmentSteps = values["segment-steps"] == "none" ? nil : try values.optionalInteger("segment-steps", in: 1...Int.max)
        progressInterval = try values.double("progress-interval", expectation: "a positive number of seconds") { $0 > 0 }
        coordinationInterval = try values.double("coordination-interval", expectation: "a positive, finite number of seconds") { $0 > 0 && $0.isFinite }
        memoryThreshold = try values.double("memory-threshold", expectation: "a fraction with 0 < FRACTION ≤ 1") { $0 > 0 && $0 <= 1 }
        if values["device-threshold"] != nil {
            deviceThreshold = try values.double("device-threshold", expectation: "a fraction with 0 < FRACTION ≤ 1") { $0 > 0 && $0 <= 1 }
        }
        if let text = values["device-restart"] {
            guard let policy = DeviceRestartPolicy(rawValue: text) else {
                throw UsageError("invalid value '\(text)' for --device-restart: expected if-helpful or always", command: "run")
            }
            deviceRestartPolicy = policy
        }
        if let text = values["memory"], text != "none" {
            do {
                memoryLimit = try ByteSize.parse(text)
            } catch {
                throw UsageError("invalid value '\(text)' for --memory: \(error.reason). Expected \(ByteSize.acceptedForms)", command: "run")
            }
        }

        try parseBudgetOptions(values)
        if values["checkpoint-every"]?.trimmingSpaces() == "auto" {
            checkpointEveryAuto = true
        } else if let cadence = values["checkpoint-every"], cadence != "none" {
            let text = cadence.trimmingSpaces()
            if let steps = Int(text) {
                guard steps >= 1 else {
                    throw UsageError("invalid value '\(cadence)' for --checkpoint-every: expected a positive number of steps, or a time such as 10m", command: "run")
                }
                checkpointEverySteps = steps
            } else {
                let seconds: Double?
                do {
                    seconds = try Walltime.parse(text).seconds
                } catch {
                    throw UsageError("invalid value '\(cadence)' for --checkpoint-every: expected a number of steps (500) or a time with a unit (30s, 10m, 1h)", command: "run")
                }
                guard let seconds, seconds > 0 else {
                    throw UsageError("invalid value '\(cadence)' for --checkpoint-every: the interval must be positive and finite", command: "run")
                }
                checkpointEverySeconds = seconds
            }
        }
    }

    static func parseWalltime(_ text: String) throws -> Double? {
        do {
            return try Walltime.parse(text).seconds
        } catch {
            throw UsageError("invalid value '\(text)' for --walltime: \(error)", command: "run")
        }
    }
}
