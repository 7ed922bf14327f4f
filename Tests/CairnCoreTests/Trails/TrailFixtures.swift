import Testing

@testable import CairnCore

/// Shared values for the trail rule tests: one partition, two Regions, a management account, a member and
/// a standalone account.
enum TrailFixtures {
    static let partition = "aws"
    static let management = "111111111111"
    static let member = "222222222222"
    static let delegatedAdmin = "333333333333"
    static let outsider = "444444444444"
    static let organization = "o-abcdef1234"

    static func name(_ raw: String) -> TrailName {
        do { return try TrailName.validate(raw) } catch { fatalError("fixture name \(raw): \(error)") }
    }

    static func arn(_ name: String, region: String = "us-east-1", account: String = management) -> TrailARN {
        TrailARN(partition: partition, region: region, accountId: account, name: self.name(name))
    }

    static func trail(
        _ name: String, region: String = "us-east-1", account: String = management, multiRegion: Bool = false,
        organizationTrail: Bool = false
    ) -> TrailFootprint {
        TrailFootprint(
            arn: arn(name, region: region, account: account), isMultiRegionTrail: multiRegion,
            isOrganizationTrail: organizationTrail, organizationId: organizationTrail ? organization : nil)
    }

    static func viewer(
        _ account: String = management, region: String = "us-east-1", inOrganization: Bool = true,
        delegatedAdministrator: Bool = false
    ) -> TrailViewer {
        TrailViewer(
            partition: partition, accountId: account, region: region,
            organizationId: inOrganization ? organization : nil, isDelegatedAdministrator: delegatedAdministrator)
    }

    static let context = TrailSettingsContext(partition: partition, homeRegion: "us-east-1", ownerAccountId: management)

    /// The violation `body` throws, or nil if it returns normally.
    static func violation<T>(_ body: () throws -> T) -> TrailRuleViolation? {
        do {
            _ = try body()
            return nil
        } catch let violation as TrailRuleViolation {
            return violation
        } catch {
            Issue.record("expected a TrailRuleViolation, got \(error)")
            return nil
        }
    }
}
