import Testing
@testable import PerpetualMCMC

@Suite struct WarmupScheduleTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var warmup: Int
        var windowEnds: [Int]
        var firstCollected: Int
        var collectionEnd: Int
        var testDescription: String { "warm-up \(warmup)" }
    }

    static let cases: [Case] = [
        Case(warmup: 1000, windowEnds: [99, 149, 249, 449, 949], firstCollected: 75, collectionEnd: 950),
        Case(warmup: 2000, windowEnds: [99, 149, 249, 449, 849, 1949], firstCollected: 75, collectionEnd: 1950),
        Case(warmup: 200, windowEnds: [99, 149], firstCollected: 75, collectionEnd: 150),
        Case(warmup: 150, windowEnds: [99], firstCollected: 75, collectionEnd: 100),
        Case(warmup: 100, windowEnds: [89], firstCollected: 15, collectionEnd: 90),
        Case(warmup: 20, windowEnds: [17], firstCollected: 3, collectionEnd: 18),
        Case(warmup: 19, windowEnds: [], firstCollected: 0, collectionEnd: 0),
        Case(warmup: 0, windowEnds: [], firstCollected: 0, collectionEnd: 0),
    ]

    @Test(arguments: cases)
    func windowsFollowStan(_ testCase: Case) {
        let schedule = WarmupSchedule(warmup: testCase.warmup)
        #expect(schedule.windowEnds == testCase.windowEnds)
        #expect(schedule.firstCollected == testCase.firstCollected)
        #expect(schedule.collectionEnd == testCase.collectionEnd)
    }
}
