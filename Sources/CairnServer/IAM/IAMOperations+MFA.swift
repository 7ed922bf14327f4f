import CairnCore
import CairnStore
import Foundation

/// Virtual MFA devices: an account's TOTP seeds, each enabled for at most one IAM user once two consecutive codes
/// prove the user's app holds it. STS then accepts the device's codes (MFACodeCheck) and marks the sessions it
/// issues as MFA-authenticated.
extension IAMOperations {
    private typealias Rules = VirtualMFADeviceRules
    private typealias OTP = TimeBasedOneTimePassword

    /// The seed and a QR code of it are answered once, here; nothing answers them again.
    static let createVirtualMFADevice = operation(Entry.createVirtualMFADevice) {
        (input: IAMModel.CreateVirtualMFADeviceInput, ctx) -> IAMModel.CreateVirtualMFADeviceOutput in
        let (name, path) = try Rules.name(input.VirtualMFADeviceName, path: input.Path)
        let tags = try IAMTagRules.merge([], adding: try IAMInputChecks.tags(input.Tags))
        let account = ctx.facts.principal.account
        let serial = Rules.serialNumber(partition: ctx.partition, account: account, path: path, name: name)
        var random = SystemRandomNumberGenerator()
        let seed = Base32.encode((0..<Rules.seedBytes).map { _ in UInt8.random(in: 0...255, using: &random) })
        guard
            try await ctx.tx.mfaDevices.create(
                account: account, serialNumber: serial, name: name, path: path, seed: seed, tags: tags, now: ctx.facts.time),
            let device = try await ctx.tx.mfaDevices.find(account: account, serialNumber: serial)
        else { throw ServiceError.entityAlreadyExists("MFADevice entity at the same path and name already exists.") }
        // The label after `@` is the creating user's name, or the account id when the root user creates it.
        let owner = ctx.facts.principal.type == .iamUser ? (ctx.facts.principal.userName ?? account.value) : account.value
        let png = try QRCode(text: Rules.keyURI(deviceName: name, owner: owner, seed: seed)).png()
        return .init(VirtualMFADevice: .init(device, base32StringSeed: Data(seed.utf8), qrCodePNG: Data(png)))
    }

    static let enableMFADevice = operation(Entry.enableMFADevice) { (input: IAMModel.MFADeviceInput, ctx) -> NoOutput in
        let serial = try Rules.serialNumber(input.SerialNumber)
        let first = try Rules.code(input.AuthenticationCode1, field: "authenticationCode1")
        let second = try Rules.code(input.AuthenticationCode2, field: "authenticationCode2")
        let name = try IAMInputChecks.name(input.UserName, "UserName", maxLength: NameLimit.existingUser)
        let user = try await ctx.tx.iamUsers.require(account: ctx.facts.principal.account, name: name, locked: true)
        let device = try await device(serial, ctx, locked: true)
        guard device.user == nil else { throw ServiceError.entityAlreadyExists("MFA Device is already in use.") }
        guard try await ctx.tx.mfaDevices.enabled(forUser: user.userId).count < Rules.maximumPerUser else {
            throw ServiceError.limitExceeded("Cannot exceed quota for MFADevicesPerUser: \(Rules.maximumPerUser)")
        }
        let now = OTP.step(at: ctx.facts.time)
        guard let otp = OTP(base32Seed: device.seed), let step = otp.consecutive(first, second, around: now, window: OTP.enableWindow)
        else { throw invalidCode }
        try await ctx.tx.mfaDevices.enable(
            serialNumber: serial, userId: user.userId, lastStep: step, driftSteps: OTP.drift(of: step, now: now), now: ctx.facts.time)
        return NoOutput()
    }

    /// Without UserName, the device's own user.
    static let deactivateMFADevice = operation(Entry.deactivateMFADevice) { (input: IAMModel.MFADeviceInput, ctx) -> NoOutput in
        let serial = try Rules.serialNumber(input.SerialNumber)
        let named = try IAMInputChecks.optionalName(input.UserName, "UserName", maxLength: NameLimit.existingUser)
        if let named { _ = try await ctx.tx.iamUsers.require(account: ctx.facts.principal.account, name: named, locked: true) }
        let device = try await device(serial, ctx, locked: true)
        guard let user = device.user, named == nil || named == user.name else { throw noSuchDevice(serial) }
        try await ctx.tx.mfaDevices.deactivate(serialNumber: serial)
        return NoOutput()
    }

    static let deleteVirtualMFADevice = operation(Entry.deleteVirtualMFADevice) { (input: IAMModel.MFADeviceInput, ctx) -> NoOutput in
        let serial = try Rules.serialNumber(input.SerialNumber)
        let device = try await device(serial, ctx, locked: true)
        guard device.user == nil else { throw ServiceError.deleteConflict("MFA Device is still in use, deactivate it first.") }
        _ = try await ctx.tx.mfaDevices.delete(account: device.account, serialNumber: serial)
        return NoOutput()
    }

    /// Two consecutive codes from a device that has drifted (up to 30 minutes either way) set its drift anew.
    static let resyncMFADevice = operation(Entry.resyncMFADevice) { (input: IAMModel.MFADeviceInput, ctx) -> NoOutput in
        let serial = try Rules.serialNumber(input.SerialNumber)
        let first = try Rules.code(input.AuthenticationCode1, field: "authenticationCode1")
        let second = try Rules.code(input.AuthenticationCode2, field: "authenticationCode2")
        let name = try IAMInputChecks.name(input.UserName, "UserName", maxLength: NameLimit.existingUser)
        _ = try await ctx.tx.iamUsers.require(account: ctx.facts.principal.account, name: name)
        let device = try await device(serial, ctx, locked: true)
        guard device.user?.name == name else { throw noSuchDevice(serial) }
        let now = OTP.step(at: ctx.facts.time)
        guard let otp = OTP(base32Seed: device.seed), let step = otp.consecutive(first, second, around: now, window: OTP.resyncWindow),
            step > device.lastStep
        else { throw invalidCode }
        try await ctx.tx.mfaDevices.accept(serialNumber: serial, step: step, driftSteps: OTP.drift(of: step, now: now))
        return NoOutput()
    }

    /// A user's enabled devices; without UserName, the calling user's (none for the root user).
    static let listMFADevices = operation(Entry.listMFADevices) { (input: IAMModel.MFADeviceInput, ctx) -> IAMModel.MFADevicesOutput in
        let page = try IAMInputChecks.page(marker: input.Marker, maxItems: input.MaxItems)
        let who = ctx.facts.principal
        let name = try IAMInputChecks.optionalName(input.UserName, "UserName", maxLength: NameLimit.existingUser)
        var devices: [VirtualMFADeviceRecord] = []
        if let name = name ?? (who.type == .iamUser ? who.userName : nil) {
            let user = try await ctx.tx.iamUsers.require(account: who.account, name: name)
            devices = try await ctx.tx.mfaDevices.enabled(forUser: user.userId)
        }
        let found = IAMPaging.slice(devices, page: page) { $0.serialNumber }
        return .init(
            MFADevices: found.items.compactMap { d in
                d.user.map { IAMModel.MFADevice(UserName: $0.name, SerialNumber: d.serialNumber, EnableDate: $0.enabledAt) }
            }, IsTruncated: found.isTruncated, Marker: found.nextMarker)
    }

    static let listVirtualMFADevices = operation(Entry.listVirtualMFADevices) {
        (input: IAMModel.MFADeviceInput, ctx) -> IAMModel.VirtualMFADevicesOutput in
        let page = try IAMInputChecks.page(marker: input.Marker, maxItems: input.MaxItems)
        let status = try input.AssignmentStatus.map { s throws(ServiceError) in
            try IAMInputRules.oneOf(s, field: "assignmentStatus", ["Assigned", "Unassigned", "Any"])
        }
        let assigned: Bool? = status == "Assigned" ? true : status == "Unassigned" ? false : nil
        let devices = try await ctx.tx.mfaDevices.list(account: ctx.facts.principal.account, assigned: assigned)
        let found = IAMPaging.slice(devices, page: page) { $0.serialNumber }
        return .init(VirtualMFADevices: found.items.map { .init($0) }, IsTruncated: found.isTruncated, Marker: found.nextMarker)
    }

    static let getMFADevice = operation(Entry.getMFADevice) { (input: IAMModel.MFADeviceInput, ctx) -> IAMModel.GetMFADeviceOutput in
        let serial = try Rules.serialNumber(input.SerialNumber)
        let named = try IAMInputChecks.optionalName(input.UserName, "UserName", maxLength: 64)
        if let named { _ = try await ctx.tx.iamUsers.require(account: ctx.facts.principal.account, name: named) }
        let device = try await device(serial, ctx, locked: false)
        guard named == nil || device.user?.name == named else { throw noSuchDevice(serial) }
        return .init(UserName: device.user?.name, SerialNumber: serial, EnableDate: device.user?.enabledAt)
    }

    static let tagMFADevice = operation(Entry.tagMFADevice) { (input: IAMModel.MFADeviceInput, ctx) -> NoOutput in
        let serial = try Rules.serialNumber(input.SerialNumber)
        let adding = try IAMInputChecks.tags(input.Tags)
        if adding.isEmpty { throw ServiceError.missingParameter("tags") }
        let device = try await device(serial, ctx, locked: true)
        try await ctx.tx.mfaDevices.update(serialNumber: serial, tags: try IAMTagRules.merge(device.tags, adding: adding))
        return NoOutput()
    }

    static let untagMFADevice = operation(Entry.untagMFADevice) { (input: IAMModel.MFADeviceInput, ctx) -> NoOutput in
        let serial = try Rules.serialNumber(input.SerialNumber)
        let keys = input.TagKeys ?? []
        if keys.isEmpty { throw ServiceError.missingParameter("tagKeys") }
        for (i, key) in keys.enumerated() { try IAMInputRules.length(key, field: "tagKeys.\(i + 1).member", min: 1, max: 128) }
        let device = try await device(serial, ctx, locked: true)
        try await ctx.tx.mfaDevices.update(serialNumber: serial, tags: IAMTagRules.remove(keys, from: device.tags))
        return NoOutput()
    }

    static let listMFADeviceTags = operation(Entry.listMFADeviceTags) { (input: IAMModel.MFADeviceInput, ctx) -> IAMModel.TagsOutput in
        let serial = try Rules.serialNumber(input.SerialNumber)
        let page = try IAMInputChecks.page(marker: input.Marker, maxItems: input.MaxItems)
        let device = try await device(serial, ctx, locked: false)
        let found = IAMPaging.slice(device.tags, page: page) { $0.key }
        return IAMModel.TagsOutput(Tags: found.items.map(IAMModel.tag), IsTruncated: found.isTruncated, Marker: found.nextMarker)
    }

    /// A device of the caller's account; another account's, or a serial that names no virtual device (a hardware
    /// token's), is one the caller cannot see.
    private static func device(_ serial: String, _ ctx: OperationContext, locked: Bool) async throws -> VirtualMFADeviceRecord {
        let account = ctx.facts.principal.account
        guard Rules.account(ofSerialNumber: serial) == account,
            let device = try await ctx.tx.mfaDevices.find(account: account, serialNumber: serial, locked: locked)
        else { throw noSuchDevice(serial) }
        return device
    }

    private static func noSuchDevice(_ serial: String) -> ServiceError {
        .noSuchEntity("MFA Device with serial number \(serial) does not exist.")
    }

    private static let invalidCode = ServiceError(
        code: "InvalidAuthenticationCode", status: 403, message: "Authentication code for device is not valid.")
}
