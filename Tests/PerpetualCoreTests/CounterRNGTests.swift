import Testing
@testable import PerpetualCore

@Suite struct CounterRNGTests {
    @Test func sameAddressSameNumbers() {
        var first = CounterRNG(seed: 7, stream: 3, step: 11)
        var second = CounterRNG(seed: 7, stream: 3, step: 11)
        for _ in 0..<100 {
            #expect(first.next() == second.next())
        }
    }

    @Test func firstBlockMatchesDocumentedCounter() {
        let seed: UInt64 = 0x0123_4567_89AB_CDEF
        let step: UInt64 = 0x0000_0005_0000_0009
        var generator = CounterRNG(seed: seed, stream: 2, step: step)
        let block = Philox4x32.block(counter: SIMD4(0, 2, 0x0000_0009, 0x0000_0005),
                                     key: SIMD2(0x89AB_CDEF, 0x0123_4567))
        for word in 0..<4 {
            #expect(generator.next32() == block[word], "word \(word)")
        }
    }

    @Test func restoredPositionContinuesIdentically() {
        var original = CounterRNG(seed: 99, stream: 1, step: 4)
        // 37 words ends in the middle of a Philox block.
        for _ in 0..<37 { _ = original.next32() }

        var restored = CounterRNG(seed: 99, stream: 1, step: 4, position: original.position)
        #expect(restored.position == 37)
        for _ in 0..<50 {
            #expect(restored.next32() == original.next32())
        }
    }

    @Test func streamsAndStepsDiffer() {
        var base = CounterRNG(seed: 5, stream: 0, step: 0)
        var otherStream = CounterRNG(seed: 5, stream: 1, step: 0)
        var otherStep = CounterRNG(seed: 5, stream: 0, step: 1)
        var otherSeed = CounterRNG(seed: 6, stream: 0, step: 0)
        let words = (0..<8).map { _ in base.next32() }
        #expect(words != (0..<8).map { _ in otherStream.next32() })
        #expect(words != (0..<8).map { _ in otherStep.next32() })
        #expect(words != (0..<8).map { _ in otherSeed.next32() })
    }

    @Test func uniformStaysInsideOpenInterval() {
        var generator = CounterRNG(seed: 2024, stream: 0, step: 0)
        var outside = 0
        for _ in 0..<200_000 {
            let value = generator.nextUniform()
            if !(value > 0 && value < 1) { outside += 1 }
        }
        #expect(outside == 0)
    }

    @Test func uniformExtremesOfBits() {
        let smallest = CounterRNG.openUnitInterval(top53Bits: 0)
        let largest = CounterRNG.openUnitInterval(top53Bits: (1 << 53) - 1)
        #expect(smallest == 0x1p-54)
        #expect(largest < 1)
        #expect(largest == (1.0).nextDown)
    }

    @Test func normalMeanAndVarianceOfLargeSample() {
        let count = 200_000
        var generator = CounterRNG(seed: 314, stream: 0, step: 0)
        var sum = 0.0
        var sumOfSquares = 0.0
        for _ in 0..<count {
            let value = generator.nextNormal()
            sum += value
            sumOfSquares += value * value
        }
        let mean = sum / Double(count)
        let variance = sumOfSquares / Double(count) - mean * mean

        // Five standard errors: the mean of n standard normals has standard
        // error 1/√n, the sample variance about √(2/n).
        let n = Double(count)
        #expect(abs(mean) < 5 / n.squareRoot())
        #expect(abs(variance - 1) < 5 * (2 / n).squareRoot())
    }

    @Test func exponentialMeanOfLargeSample() {
        let count = 200_000
        var generator = CounterRNG(seed: 271, stream: 0, step: 0)
        var sum = 0.0
        for _ in 0..<count {
            sum += generator.nextExponential()
        }
        // An Exp(1) variable has mean 1 and standard deviation 1.
        #expect(abs(sum / Double(count) - 1) < 5 / Double(count).squareRoot())
    }
}
