package import Foundation

/// IAM's credential report: a CSV line per user (the root user first, as `<root_account>`), in AWS's columns and
/// words. A key's last use is the latest call the event log holds signed with it; a password's is not known until
/// the console signs users in (`no_information`, as AWS's report says of use it has no record of); `mfa_active` says
/// whether a user has an MFA device enabled; Cairn has no signing certificates yet.
package struct CredentialReport: Sendable {
    package struct Key: Sendable {
        package let id: String
        package let active: Bool
        package let created: Date
        /// The latest call signed with the key that the event log holds: when, where, which service.
        package var lastUsed: (at: Date, region: String, service: String)?

        package init(id: String, active: Bool, created: Date, lastUsed: (at: Date, region: String, service: String)? = nil) {
            self.id = id
            self.active = active
            self.created = created
            self.lastUsed = lastUsed
        }
    }

    package struct User: Sendable {
        package let name: String
        package let arn: String
        package let created: Date
        /// When the login profile's password was last set; nil: the user has no password.
        package let passwordChanged: Date?
        package var keys: [Key]
        package let mfaActive: Bool

        package init(name: String, arn: String, created: Date, passwordChanged: Date?, keys: [Key], mfaActive: Bool = false) {
            self.mfaActive = mfaActive
            self.name = name
            self.arn = arn
            self.created = created
            self.passwordChanged = passwordChanged
            self.keys = keys
        }
    }

    /// A report this old is ReportExpired.
    package static let lifetime: TimeInterval = 4 * 3600

    package static let columns = [
        "user", "arn", "user_creation_time", "password_enabled", "password_last_used", "password_last_changed",
        "password_next_rotation", "mfa_active", "access_key_1_active", "access_key_1_last_rotated", "access_key_1_last_used_date",
        "access_key_1_last_used_region", "access_key_1_last_used_service", "access_key_2_active", "access_key_2_last_rotated",
        "access_key_2_last_used_date", "access_key_2_last_used_region", "access_key_2_last_used_service", "cert_1_active",
        "cert_1_last_rotated", "cert_2_active", "cert_2_last_rotated",
    ]

    /// The CSV: the header, the root user, then the users by name. `maxPasswordAgeDays` is the account policy's.
    package static func csv(root: User, users: [User], maxPasswordAgeDays: Int?) -> String {
        var lines = [columns.joined(separator: ",")]
        lines.append(line(root, isRoot: true, maxAge: nil))
        for user in users.sorted(by: { $0.name < $1.name }) { lines.append(line(user, isRoot: false, maxAge: maxPasswordAgeDays)) }
        return lines.joined(separator: "\n")
    }

    private static func line(_ u: User, isRoot: Bool, maxAge: Int?) -> String {
        var cells = [isRoot ? "<root_account>" : u.name, u.arn, time(u.created)]
        if isRoot {
            cells += ["not_supported", "no_information", "not_supported", "not_supported"]
        } else if let changed = u.passwordChanged {
            cells += ["true", "no_information", time(changed), maxAge.map { time(changed.addingTimeInterval(Double($0) * 86_400)) } ?? "N/A"]
        } else {
            cells += ["false", "N/A", "N/A", "N/A"]
        }
        cells.append(u.mfaActive ? "true" : "false")
        let keys = u.keys.sorted { $0.created < $1.created }
        for i in 0..<2 {
            if i < keys.count {
                let use = keys[i].lastUsed
                cells += [
                    keys[i].active ? "true" : "false", time(keys[i].created), use.map { time($0.at) } ?? "N/A", use?.region ?? "N/A",
                    use?.service ?? "N/A",
                ]
            } else {
                cells += ["false", "N/A", "N/A", "N/A", "N/A"]
            }
        }
        cells += ["false", "N/A", "false", "N/A"]
        return cells.map(field).joined(separator: ",")
    }

    /// AWS's form: ISO 8601 with `+00:00`.
    private static func time(_ d: Date) -> String { UTCTimestamp.iso8601(d).replacingOccurrences(of: "Z", with: "+00:00") }

    private static func field(_ s: String) -> String {
        s.contains(",") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
