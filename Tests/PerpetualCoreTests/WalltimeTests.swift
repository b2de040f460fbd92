import Testing
import PerpetualCore

struct AcceptedWalltime: CustomTestStringConvertible, Sendable {
    var input: String
    var expected: Walltime
    var testDescription: String { "'\(input)'" }
}

let acceptedWalltimes: [AcceptedWalltime] = [
    // Slurm forms.
    AcceptedWalltime(input: "30", expected: .limited(seconds: 1_800)),
    AcceptedWalltime(input: "90", expected: .limited(seconds: 5_400)),
    AcceptedWalltime(input: "0:45", expected: .limited(seconds: 45)),
    AcceptedWalltime(input: "15:30", expected: .limited(seconds: 930)),
    AcceptedWalltime(input: "120:00", expected: .limited(seconds: 7_200)),
    AcceptedWalltime(input: "01:30:15", expected: .limited(seconds: 5_415)),
    AcceptedWalltime(input: "36:00:00", expected: .limited(seconds: 129_600)),
    AcceptedWalltime(input: "0:00:01", expected: .limited(seconds: 1)),
    AcceptedWalltime(input: "2-12", expected: .limited(seconds: 216_000)),
    AcceptedWalltime(input: "1-00:30", expected: .limited(seconds: 88_200)),
    AcceptedWalltime(input: "0-23:59:59", expected: .limited(seconds: 86_399)),
    AcceptedWalltime(input: "7-01:02:03", expected: .limited(seconds: 608_523)),
    // No limit, in any letter case.
    AcceptedWalltime(input: "UNLIMITED", expected: .unlimited),
    AcceptedWalltime(input: "unlimited", expected: .unlimited),
    AcceptedWalltime(input: "Infinite", expected: .unlimited),
    // Unit forms.
    AcceptedWalltime(input: "90s", expected: .limited(seconds: 90)),
    AcceptedWalltime(input: "15m", expected: .limited(seconds: 900)),
    AcceptedWalltime(input: "2h", expected: .limited(seconds: 7_200)),
    AcceptedWalltime(input: "1d", expected: .limited(seconds: 86_400)),
    AcceptedWalltime(input: "1.5h", expected: .limited(seconds: 5_400)),
    AcceptedWalltime(input: "0.5s", expected: .limited(seconds: 0.5)),
    // Surrounding white space.
    AcceptedWalltime(input: "  2h ", expected: .limited(seconds: 7_200)),
    AcceptedWalltime(input: "\t1-00:00:00\n", expected: .limited(seconds: 86_400)),
    AcceptedWalltime(input: " 5:00 ", expected: .limited(seconds: 300)),
    AcceptedWalltime(input: " INFINITE\t", expected: .unlimited),
    AcceptedWalltime(input: "00:00:30", expected: .limited(seconds: 30)),
    AcceptedWalltime(input: "1-0", expected: .limited(seconds: 86_400)),
    AcceptedWalltime(input: "007", expected: .limited(seconds: 420)),
]

struct RejectedWalltime: CustomTestStringConvertible, Sendable {
    var input: String
    /// A phrase the reason must contain.
    var reasonFragment: String
    var testDescription: String { "'\(input)'" }
}

let rejectedWalltimes: [RejectedWalltime] = [
    RejectedWalltime(input: "", reasonFragment: "empty"),
    RejectedWalltime(input: "   ", reasonFragment: "empty"),
    RejectedWalltime(input: "-5", reasonFragment: "negative"),
    RejectedWalltime(input: "-1", reasonFragment: "negative"),
    RejectedWalltime(input: "0", reasonFragment: "zero"),
    RejectedWalltime(input: "0:00:00", reasonFragment: "zero"),
    RejectedWalltime(input: "0s", reasonFragment: "zero"),
    RejectedWalltime(input: "1:2:3:4", reasonFragment: "too many ':'"),
    RejectedWalltime(input: "1-2:3:4:5", reasonFragment: "too many ':'"),
    RejectedWalltime(input: "1-2-3", reasonFragment: "only one '-'"),
    RejectedWalltime(input: "abc", reasonFragment: "starts with a digit"),
    RejectedWalltime(input: "5x", reasonFragment: "unknown unit 'x'"),
    RejectedWalltime(input: "2H", reasonFragment: "unknown unit 'H'"),
    RejectedWalltime(input: "1:60:00", reasonFragment: "minutes must be 0–59, got 60"),
    RejectedWalltime(input: "1:00:75", reasonFragment: "seconds must be 0–59, got 75"),
    RejectedWalltime(input: "10:60", reasonFragment: "seconds must be 0–59, got 60"),
    RejectedWalltime(input: "1-24", reasonFragment: "hours must be 0–23, got 24"),
    RejectedWalltime(input: "1-02:61", reasonFragment: "minutes must be 0–59, got 61"),
    RejectedWalltime(input: "1:", reasonFragment: "seconds field is empty"),
    RejectedWalltime(input: "1-", reasonFragment: "hours field is empty"),
    RejectedWalltime(input: "1.5", reasonFragment: "not a whole number"),
    RejectedWalltime(input: "1 30", reasonFragment: "not a whole number"),
    RejectedWalltime(input: "1e3s", reasonFragment: "not a decimal number"),
    RejectedWalltime(input: "1.s", reasonFragment: "not a decimal number"),
    RejectedWalltime(input: "1.2.3h", reasonFragment: "not a decimal number"),
    RejectedWalltime(input: "1234567890", reasonFragment: "at most 9 digits"),
    RejectedWalltime(input: "1h30m", reasonFragment: "not a decimal number"),
    RejectedWalltime(input: "1:30:00 extra", reasonFragment: "unknown unit 'a'"),
    RejectedWalltime(input: "UNLIMITEDX", reasonFragment: "starts with a digit"),
    RejectedWalltime(input: "1:-30", reasonFragment: "not a whole number"),
    RejectedWalltime(input: "+5", reasonFragment: "starts with a digit"),
    RejectedWalltime(input: "0-00:00", reasonFragment: "zero"),
    RejectedWalltime(input: "\u{0663}", reasonFragment: "starts with a digit"),
]

@Suite struct WalltimeTests {
    @Test("Walltime.parse accepts", arguments: acceptedWalltimes)
    func parseAccepts(_ example: AcceptedWalltime) throws {
        #expect(try Walltime.parse(example.input) == example.expected)
    }

    @Test("Walltime.parse rejects", arguments: rejectedWalltimes)
    func parseRejects(_ example: RejectedWalltime) {
        let error = #expect(throws: WalltimeFormatError.self) {
            try Walltime.parse(example.input)
        }
        #expect(error?.input == example.input)
        #expect(error?.reason.contains(example.reasonFragment) == true, "reason: \(error?.reason ?? "none")")
        #expect(error?.description.contains("'\(example.input)'") == true)
        #expect(error?.description.contains(WalltimeFormatError.acceptedForms) == true)
    }

    @Test("Slurm minutes round up", arguments: [
        (0.0, 1), (0.5, 1), (30, 1), (60, 1), (60.001, 2), (61, 2), (3_600, 60), (86_399, 1_440),
    ] as [(Double, Int)])
    func slurmMinutesRoundUp(seconds: Double, minutes: Int) {
        #expect(Walltime.slurmMinutes(forSeconds: seconds) == minutes)
    }

    @Test func slurmTimeArgument() throws {
        #expect(try Walltime.parse("0:45").slurmTimeArgument == "1")
        #expect(try Walltime.parse("1-00:00:01").slurmTimeArgument == "1441")
        #expect(Walltime.unlimited.slurmTimeArgument == "UNLIMITED")
    }

    @Test("Slurm --time argument", arguments: [
        ("0:01", "1"), ("59:59", "60"), ("1:00:01", "61"), ("2-00", "2880"), ("90s", "2"), ("0.5s", "1"), (" infinite ", "UNLIMITED"),
    ])
    func slurmTimeArgumentTable(input: String, argument: String) throws {
        #expect(try Walltime.parse(input).slurmTimeArgument == argument)
    }

    @Test func secondsOfLimitAndUnlimited() {
        #expect(Walltime.limited(seconds: 12).seconds == 12)
        #expect(Walltime.unlimited.seconds == nil)
    }
}
