import CairnCore
import CairnPolicy
import Foundation

/// IAM's password shapes, member names as botocore's model spells them. The password members are never recorded.
extension IAMModel {
    struct UpdateAccountPasswordPolicyInput: OperationInput, Codable {
        var MinimumPasswordLength: Int?
        var RequireSymbols: Bool?
        var RequireNumbers: Bool?
        var RequireUppercaseCharacters: Bool?
        var RequireLowercaseCharacters: Bool?
        var AllowUsersToChangePassword: Bool?
        var MaxPasswordAge: Int?
        var PasswordReusePrevention: Int?
        var HardExpiry: Bool?
    }

    struct PasswordPolicyShape: Encodable, Sendable {
        var MinimumPasswordLength: Int
        var RequireSymbols: Bool
        var RequireNumbers: Bool
        var RequireUppercaseCharacters: Bool
        var RequireLowercaseCharacters: Bool
        var AllowUsersToChangePassword: Bool
        var ExpirePasswords: Bool
        var MaxPasswordAge: Int?
        var PasswordReusePrevention: Int?
        var HardExpiry: Bool?

        init(_ p: PasswordPolicy) {
            MinimumPasswordLength = p.minimumLength
            RequireSymbols = p.requireSymbols
            RequireNumbers = p.requireNumbers
            RequireUppercaseCharacters = p.requireUppercase
            RequireLowercaseCharacters = p.requireLowercase
            AllowUsersToChangePassword = p.allowUsersToChangePassword
            ExpirePasswords = p.maxAgeDays != nil
            MaxPasswordAge = p.maxAgeDays
            PasswordReusePrevention = p.reusePrevention
            HardExpiry = p.maxAgeDays != nil ? p.hardExpiry : nil
        }
    }

    struct PasswordPolicyOutput: OperationOutput, Encodable { var PasswordPolicy: PasswordPolicyShape }

    struct LoginProfileInput: OperationInput, Codable {
        var UserName: String?
        var Password: String?
        var PasswordResetRequired: Bool?

        private enum CodingKeys: String, CodingKey { case UserName, Password, PasswordResetRequired }

        /// The record names the user and the reset flag, never the password (as AWS's records do).
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encodeIfPresent(UserName, forKey: .UserName)
            try c.encodeIfPresent(PasswordResetRequired, forKey: .PasswordResetRequired)
        }
    }

    struct ChangePasswordInput: OperationInput, Codable {
        var OldPassword: String?
        var NewPassword: String?

        /// Nothing of it is recorded.
        func encode(to encoder: any Encoder) throws {}
    }

    struct LoginProfileShape: Encodable, Sendable {
        var UserName: String
        var CreateDate: Date
        var PasswordResetRequired: Bool
    }

    struct LoginProfileOutput: OperationOutput, Encodable { var LoginProfile: LoginProfileShape }
}
