import PerpetualCore

extension TrainKernel {
    /// Returns the allocations of the next step, in phases. The training
    /// phase holds the input batch, every layer's output, then per layer
    /// from the top a transposed weight and an activation gradient. When the
    /// step ends an epoch, an evaluation phase follows with a held-out chunk
    /// and every layer's output.
    ///
    /// Within a phase all tensors count as alive together. The step frees
    /// some of them earlier, so the plan is an upper bound of its need.
    public func nextStepPlan() -> AllocationPlan {
        guard !isComplete else { return AllocationPlan(phases: []) }
        let step = completedSteps
        let (epoch, batch) = layout.position(ofStep: step)
        let sizes = configuration.layerSizes
        let bytes = MemoryLayout<Double>.stride

        let rows = layout.batchRange(epoch: epoch, batch: batch).count
        var training = sizes.map { rows * $0 * bytes }
        for layer in stride(from: sizes.count - 1, to: 1, by: -1) {
            training.append(sizes[layer] * sizes[layer - 1] * bytes)
            training.append(rows * sizes[layer - 1] * bytes)
        }
        var phases = [training]
        if layout.endsEpoch(step) {
            let chunk = min(layout.batchSizes[epoch], holdout.imageCount)
            phases.append(sizes.map { chunk * $0 * bytes })
        }
        return AllocationPlan(phases: phases)
    }

    public func deviceMemoryStatus() -> DeviceMemoryStatus {
        let plan = nextStepPlan()
        let fits = network != nil && device.fits(plan, releasingCache: false)
        // What a release and restore leaves: the persistent tensors,
        // allocated in the same order on an empty device.
        let persistent = NetworkTensors.allocationSizes(layerSizes: configuration.layerSizes, optimizer: configuration.optimizer)
        let reservedAfterRelease = device.peakReservedWhenEmpty(persistent: persistent, plan: plan)
        let required = reservedAfterRelease == nil ? device.requiredCapacity(persistent: persistent, plan: plan) : nil
        return DeviceMemoryStatus(capacityBytes: device.capacity, reservedBytes: device.reservedBytes,
                                  allocatedBytes: device.allocatedBytes, nextStepBytes: plan.peakPhaseBytes,
                                  nextStepFits: fits, nextStepFitsAfterRelease: reservedAfterRelease != nil,
                                  reservedBytesAfterRelease: reservedAfterRelease, requiredCapacityBytes: required)
    }

    /// Frees the model, its gradients, the optimizer state and the cache,
    /// leaving the device empty. Call ``restoreState(_:)`` before the next step.
    public func releaseDevice() {
        network = nil
        device.emptyCache()
        precondition(device.allocatedBytes == 0, "TrainKernel.releaseDevice(): \(device.allocatedBytes) bytes are still allocated on the device after freeing the model")
    }
}
