package import CairnCore
package import Foundation
import PostgresNIO

extension Transaction {
    package var mfaDevices: VirtualMFADeviceRepository { VirtualMFADeviceRepository(tx: self) }
}

/// A virtual MFA device as IAM keeps it; the seed opened from its sealed column.
package struct VirtualMFADeviceRecord: Sendable, Equatable {
    package let serialNumber: String
    package let account: AccountId
    package let name: String
    package let path: String
    /// The TOTP seed, base32.
    package let seed: String
    package let user: Assignee?
    /// The newest 30-second step a code was accepted for: codes at or before it are spent.
    package let lastStep: Int64
    /// The device's clock against ours, in steps, measured at EnableMFADevice or ResyncMFADevice.
    package let driftSteps: Int
    package let tags: [IAMTag]
    package let createdAt: Date

    package struct Assignee: Sendable, Equatable {
        package let userId: String
        package let name: String
        package let arn: String
        package let path: String
        package let createdAt: Date
        package let enabledAt: Date
    }
}

/// Virtual MFA devices (migration 0032). The serial number is the key, so two creates of one name cannot both
/// succeed; enabling locks the user's row before counting its devices, so the per-user quota holds under races.
package struct VirtualMFADeviceRepository: Sendable {
    let tx: Transaction

    private static let select = """
        SELECT d.serial_number, d.account_id, d.name, d.path, d.seed_sealed, d.user_id, u.name, u.arn, u.path, u.created_at,
               d.enabled_at, d.last_step, d.drift_steps, d.tags::text, d.created_at
        FROM iam_mfa_devices d LEFT JOIN iam_users u ON u.user_id = d.user_id
        """

    /// false when a device of that path and name exists.
    package func create(
        account: AccountId, serialNumber: String, name: String, path: String, seed: String, tags: [IAMTag], now: Date
    )
        async throws -> Bool
    {
        let rows = try await tx.query(
            """
            INSERT INTO iam_mfa_devices (serial_number, account_id, name, path, seed_sealed, tags, created_at)
            VALUES (\(serialNumber), \(account.value), \(name), \(path), \(try tx.secrets.seal(seed)),
                \(IAMTagColumn.encode(tags))::jsonb, \(now))
            ON CONFLICT DO NOTHING RETURNING 1
            """)
        for try await _ in rows.decode(Int.self) { return true }
        return false
    }

    package func find(account: AccountId, serialNumber: String, locked: Bool = false) async throws -> VirtualMFADeviceRecord? {
        let lock = locked ? " FOR UPDATE OF d" : ""
        return try await decode(
            "\(unescaped: Self.select) WHERE d.account_id = \(account.value) AND d.serial_number = \(serialNumber)\(unescaped: lock)"
        ).first
    }

    /// The account's devices by serial number; `assigned` nil for all of them.
    package func list(account: AccountId, assigned: Bool?) async throws -> [VirtualMFADeviceRecord] {
        try await decode(
            """
            \(unescaped: Self.select) WHERE d.account_id = \(account.value)
              AND (\(assigned)::boolean IS NULL OR (d.user_id IS NOT NULL) = \(assigned)::boolean)
            ORDER BY d.serial_number
            """)
    }

    /// The devices enabled for a user, oldest first.
    package func enabled(forUser userId: String) async throws -> [VirtualMFADeviceRecord] {
        try await decode("\(unescaped: Self.select) WHERE d.user_id = \(userId) ORDER BY d.enabled_at, d.serial_number")
    }

    package func enable(serialNumber: String, userId: String, lastStep: Int64, driftSteps: Int, now: Date) async throws {
        try await tx.query(
            """
            UPDATE iam_mfa_devices SET user_id = \(userId), enabled_at = \(now), last_step = \(lastStep), drift_steps = \(driftSteps)
            WHERE serial_number = \(serialNumber)
            """)
    }

    package func deactivate(serialNumber: String) async throws {
        try await tx.query("UPDATE iam_mfa_devices SET user_id = NULL, enabled_at = NULL WHERE serial_number = \(serialNumber)")
    }

    /// A code was accepted at `step` (the device's clock `driftSteps` from ours): earlier codes are spent.
    package func accept(serialNumber: String, step: Int64, driftSteps: Int) async throws {
        try await tx.query(
            "UPDATE iam_mfa_devices SET last_step = \(step), drift_steps = \(driftSteps) WHERE serial_number = \(serialNumber)")
    }

    package func update(serialNumber: String, tags: [IAMTag]) async throws {
        try await tx.query(
            "UPDATE iam_mfa_devices SET tags = \(IAMTagColumn.encode(tags))::jsonb WHERE serial_number = \(serialNumber)")
    }

    /// false when there is no such device.
    package func delete(account: AccountId, serialNumber: String) async throws -> Bool {
        let rows = try await tx.query(
            "DELETE FROM iam_mfa_devices WHERE account_id = \(account.value) AND serial_number = \(serialNumber) RETURNING 1")
        for try await _ in rows.decode(Int.self) { return true }
        return false
    }

    private func decode(_ sql: PostgresQuery) async throws -> [VirtualMFADeviceRecord] {
        var found: [VirtualMFADeviceRecord] = []
        let rows = try await tx.query(sql).decode(
            (String, String, String, String, Data, String?, String?, String?, String?, Date?, Date?, Int64, Int, String, Date).self)
        for try await (serial, account, name, path, sealed, userId, userName, userArn, userPath, userCreated, enabled, last, drift, tags, created)
            in rows
        {
            guard let account = AccountId(account) else { continue }
            var user: VirtualMFADeviceRecord.Assignee?
            if let userId, let userName, let userArn, let userPath, let userCreated, let enabled {
                user = .init(userId: userId, name: userName, arn: userArn, path: userPath, createdAt: userCreated, enabledAt: enabled)
            }
            found.append(
                .init(
                    serialNumber: serial, account: account, name: name, path: path, seed: try tx.secrets.open(sealed), user: user,
                    lastStep: last, driftSteps: drift, tags: IAMTagColumn.decode(tags), createdAt: created))
        }
        return found
    }
}
