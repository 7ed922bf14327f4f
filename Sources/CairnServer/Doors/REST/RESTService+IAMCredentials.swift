import CairnCore
import Foundation
import OpenAPIRuntime

/// Virtual MFA devices, login profiles, the account's password policy and ChangePassword over REST: the same
/// operations as the Query door. A device's seed and QR code are answered once, by the create; passwords never.
extension RESTService {
    func createIamVirtualMfaDevice(
        _ input: Operations.CreateIamVirtualMfaDevice.Input
    ) async throws -> Operations.CreateIamVirtualMfaDevice.Output {
        let created = try await run(IAMOps.createVirtualMFADevice) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return IAMModel.CreateVirtualMFADeviceInput(Path: b.path, VirtualMFADeviceName: b.virtualMfaDeviceName, Tags: b.tags?.map(Self.tag))
        }
        let d = created.VirtualMFADevice
        return .created(
            .init(
                body: .json(
                    .init(
                        serialNumber: d.SerialNumber, base32StringSeed: String(decoding: d.Base32StringSeed ?? Data(), as: UTF8.self),
                        qrCodePng: .init(d.QRCodePNG ?? Data())))))
    }

    func listIamVirtualMfaDevices(
        _ input: Operations.ListIamVirtualMfaDevices.Input
    ) async throws -> Operations.ListIamVirtualMfaDevices.Output {
        let page = try await run(IAMOps.listVirtualMFADevices) {
            IAMModel.MFADeviceInput(
                AssignmentStatus: input.query.assignmentStatus?.rawValue, Marker: input.query.nextToken, MaxItems: input.query.limit)
        }
        return .ok(
            .init(
                body: .json(
                    .init(
                        virtualMfaDevices: page.VirtualMFADevices.map {
                            .init(serialNumber: $0.SerialNumber, userName: $0.User?.UserName, enableDate: $0.EnableDate)
                        }, nextToken: page.Marker))))
    }

    func deleteIamVirtualMfaDevice(
        _ input: Operations.DeleteIamVirtualMfaDevice.Input
    ) async throws -> Operations.DeleteIamVirtualMfaDevice.Output {
        _ = try await run(IAMOps.deleteVirtualMFADevice) { IAMModel.MFADeviceInput(SerialNumber: input.query.serialNumber) }
        return .noContent(.init())
    }

    func listIamMfaDevices(_ input: Operations.ListIamMfaDevices.Input) async throws -> Operations.ListIamMfaDevices.Output {
        let page = try await run(IAMOps.listMFADevices) {
            IAMModel.MFADeviceInput(UserName: input.path.userName, Marker: input.query.nextToken, MaxItems: input.query.limit)
        }
        return .ok(
            .init(
                body: .json(
                    .init(
                        mfaDevices: page.MFADevices.map { .init(userName: $0.UserName, serialNumber: $0.SerialNumber, enableDate: $0.EnableDate) },
                        nextToken: page.Marker))))
    }

    func enableIamMfaDevice(_ input: Operations.EnableIamMfaDevice.Input) async throws -> Operations.EnableIamMfaDevice.Output {
        _ = try await run(IAMOps.enableMFADevice) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return Self.codes(b, for: input.path.userName)
        }
        return .noContent(.init())
    }

    func resyncIamMfaDevice(_ input: Operations.ResyncIamMfaDevice.Input) async throws -> Operations.ResyncIamMfaDevice.Output {
        _ = try await run(IAMOps.resyncMFADevice) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return Self.codes(b, for: input.path.userName)
        }
        return .noContent(.init())
    }

    /// EnableMFADevice's and ResyncMFADevice's input: a device and two consecutive codes.
    static func codes(_ b: Components.Schemas.IamMfaCodesRequest, for userName: String) -> IAMModel.MFADeviceInput {
        IAMModel.MFADeviceInput(
            UserName: userName, SerialNumber: b.serialNumber, AuthenticationCode1: b.authenticationCode1, AuthenticationCode2: b.authenticationCode2)
    }

    func deactivateIamMfaDevice(_ input: Operations.DeactivateIamMfaDevice.Input) async throws -> Operations.DeactivateIamMfaDevice.Output {
        _ = try await run(IAMOps.deactivateMFADevice) {
            IAMModel.MFADeviceInput(UserName: input.path.userName, SerialNumber: input.query.serialNumber)
        }
        return .noContent(.init())
    }

    func getIamLoginProfile(_ input: Operations.GetIamLoginProfile.Input) async throws -> Operations.GetIamLoginProfile.Output {
        let found = try await run(IAMOps.getLoginProfile) { IAMModel.LoginProfileInput(UserName: input.path.userName) }
        return .ok(.init(body: .json(Self.loginProfile(found.LoginProfile))))
    }

    func createIamLoginProfile(_ input: Operations.CreateIamLoginProfile.Input) async throws -> Operations.CreateIamLoginProfile.Output {
        let created = try await run(IAMOps.createLoginProfile) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return IAMModel.LoginProfileInput(UserName: input.path.userName, Password: b.password, PasswordResetRequired: b.passwordResetRequired)
        }
        return .created(.init(body: .json(Self.loginProfile(created.LoginProfile))))
    }

    func updateIamLoginProfile(_ input: Operations.UpdateIamLoginProfile.Input) async throws -> Operations.UpdateIamLoginProfile.Output {
        _ = try await run(IAMOps.updateLoginProfile) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return IAMModel.LoginProfileInput(UserName: input.path.userName, Password: b.password, PasswordResetRequired: b.passwordResetRequired)
        }
        return .noContent(.init())
    }

    func deleteIamLoginProfile(_ input: Operations.DeleteIamLoginProfile.Input) async throws -> Operations.DeleteIamLoginProfile.Output {
        _ = try await run(IAMOps.deleteLoginProfile) { IAMModel.LoginProfileInput(UserName: input.path.userName) }
        return .noContent(.init())
    }

    func getIamPasswordPolicy(_ input: Operations.GetIamPasswordPolicy.Input) async throws -> Operations.GetIamPasswordPolicy.Output {
        let p = try await run(IAMOps.getAccountPasswordPolicy) { NoInput() }.PasswordPolicy
        return .ok(
            .init(
                body: .json(
                    .init(
                        minimumPasswordLength: p.MinimumPasswordLength, requireSymbols: p.RequireSymbols, requireNumbers: p.RequireNumbers,
                        requireUppercaseCharacters: p.RequireUppercaseCharacters, requireLowercaseCharacters: p.RequireLowercaseCharacters,
                        allowUsersToChangePassword: p.AllowUsersToChangePassword, expirePasswords: p.ExpirePasswords,
                        maxPasswordAge: p.MaxPasswordAge, passwordReusePrevention: p.PasswordReusePrevention, hardExpiry: p.HardExpiry))))
    }

    func updateIamPasswordPolicy(_ input: Operations.UpdateIamPasswordPolicy.Input) async throws -> Operations.UpdateIamPasswordPolicy.Output {
        _ = try await run(IAMOps.updateAccountPasswordPolicy) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return IAMModel.UpdateAccountPasswordPolicyInput(
                MinimumPasswordLength: b.minimumPasswordLength, RequireSymbols: b.requireSymbols, RequireNumbers: b.requireNumbers,
                RequireUppercaseCharacters: b.requireUppercaseCharacters, RequireLowercaseCharacters: b.requireLowercaseCharacters,
                AllowUsersToChangePassword: b.allowUsersToChangePassword, MaxPasswordAge: b.maxPasswordAge,
                PasswordReusePrevention: b.passwordReusePrevention, HardExpiry: b.hardExpiry)
        }
        return .noContent(.init())
    }

    func deleteIamPasswordPolicy(_ input: Operations.DeleteIamPasswordPolicy.Input) async throws -> Operations.DeleteIamPasswordPolicy.Output {
        _ = try await run(IAMOps.deleteAccountPasswordPolicy) { NoInput() }
        return .noContent(.init())
    }

    func changeIamPassword(_ input: Operations.ChangeIamPassword.Input) async throws -> Operations.ChangeIamPassword.Output {
        _ = try await run(IAMOps.changePassword) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return IAMModel.ChangePasswordInput(OldPassword: b.oldPassword, NewPassword: b.newPassword)
        }
        return .noContent(.init())
    }

    static func loginProfile(_ p: IAMModel.LoginProfileShape) -> Components.Schemas.IamLoginProfile {
        .init(userName: p.UserName, createDate: p.CreateDate, passwordResetRequired: p.PasswordResetRequired)
    }
}
