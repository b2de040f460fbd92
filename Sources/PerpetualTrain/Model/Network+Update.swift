#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension NetworkTensors {
    /// Applies one optimizer step to every parameter from ``gradients``.
    /// `adamStep` is Adam's step count t after this update (from 1); SGD
    /// ignores it. The formulas are those of ``TrainConfiguration/Optimizer``.
    func update(configuration: TrainConfiguration, adamStep: Int) {
        let rate = configuration.learningRate
        switch configuration.optimizer {
        case .sgd:
            let momentum = configuration.momentum
            for (index, parameter) in parameters.enumerated() {
                let theta = parameter.pointer, gradient = gradients[index].pointer, velocity = slots[0][index].pointer
                for element in 0..<parameter.count {
                    velocity[element] = momentum * velocity[element] + gradient[element]
                    theta[element] -= rate * velocity[element]
                }
            }
        case .adam:
            let beta1 = configuration.beta1, beta2 = configuration.beta2, epsilon = configuration.epsilon
            let correction1 = 1 - pow(beta1, Double(adamStep))
            let correction2 = 1 - pow(beta2, Double(adamStep))
            for (index, parameter) in parameters.enumerated() {
                let theta = parameter.pointer, gradient = gradients[index].pointer
                let first = slots[0][index].pointer, second = slots[1][index].pointer
                for element in 0..<parameter.count {
                    let g = gradient[element]
                    first[element] = beta1 * first[element] + (1 - beta1) * g
                    second[element] = beta2 * second[element] + (1 - beta2) * g * g
                    let corrected = first[element] / correction1
                    let scale = (second[element] / correction2).squareRoot() + epsilon
                    theta[element] -= rate * corrected / scale
                }
            }
        }
    }
}
