import CairnCore
import CairnPolicy
import CairnStore
import Foundation

/// IAM's MFA device shapes, member names as botocore's model spells them. Authentication codes are never recorded;
/// a new device's seed and QR code are answered once and never recorded.
extension IAMModel {
    struct CreateVirtualMFADeviceInput: OperationInput, Codable {
        var Path: String?
        var VirtualMFADeviceName: String?
        var Tags: [Tag]?
    }

    /// Every other MFA operation: a device by SerialNumber, for a user by UserName, with codes where it checks them.
    struct MFADeviceInput: OperationInput, Codable {
        var UserName: String?
        var SerialNumber: String?
        var AuthenticationCode1: String?
        var AuthenticationCode2: String?
        var AssignmentStatus: String?
        var Tags: [Tag]?
        var TagKeys: [String]?
        var Marker: String?
        var MaxItems: Int?

        private enum CodingKeys: String, CodingKey {
            case UserName, SerialNumber, AuthenticationCode1, AuthenticationCode2, AssignmentStatus, Tags, TagKeys, Marker, MaxItems
        }

        /// The record names the user and the device, never the codes (as AWS's records do).
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encodeIfPresent(UserName, forKey: .UserName)
            try c.encodeIfPresent(SerialNumber, forKey: .SerialNumber)
            try c.encodeIfPresent(AssignmentStatus, forKey: .AssignmentStatus)
            try c.encodeIfPresent(Tags, forKey: .Tags)
            try c.encodeIfPresent(TagKeys, forKey: .TagKeys)
            try c.encodeIfPresent(Marker, forKey: .Marker)
            try c.encodeIfPresent(MaxItems, forKey: .MaxItems)
        }
    }

    /// The user a device is assigned to, as IAM's `User` shape.
    struct MFADeviceUser: Encodable, Sendable {
        var Path, UserName, UserId, Arn: String
        var CreateDate: Date

        init(_ u: VirtualMFADeviceRecord.Assignee) {
            (Path, UserName, UserId, Arn, CreateDate) = (u.path, u.name, u.userId, u.arn, u.createdAt)
        }
    }

    struct VirtualMFADevice: Encodable, Sendable {
        var SerialNumber: String
        var Base32StringSeed: Data?
        var QRCodePNG: Data?
        var User: MFADeviceUser?
        var EnableDate: Date?
        var Tags: [Tag]?

        init(_ d: VirtualMFADeviceRecord, base32StringSeed: Data? = nil, qrCodePNG: Data? = nil) {
            SerialNumber = d.serialNumber
            Base32StringSeed = base32StringSeed
            QRCodePNG = qrCodePNG
            User = d.user.map(MFADeviceUser.init)
            EnableDate = d.user?.enabledAt
            Tags = d.tags.isEmpty ? nil : d.tags.map(IAMModel.tag)
        }
    }

    struct CreateVirtualMFADeviceOutput: OperationOutput, Encodable {
        var VirtualMFADevice: VirtualMFADevice

        /// Only the serial number is recorded: the seed and its QR code would let anyone make the codes.
        func responseElements(for entry: CatalogueOperation) -> JSONValue? {
            .object(["virtualMFADevice": .object(["serialNumber": .string(VirtualMFADevice.SerialNumber)])])
        }
    }

    struct VirtualMFADevicesOutput: OperationOutput, Encodable {
        var VirtualMFADevices: [VirtualMFADevice]
        var IsTruncated: Bool
        var Marker: String?
    }

    struct MFADevice: Encodable, Sendable {
        var UserName: String
        var SerialNumber: String
        var EnableDate: Date
    }

    struct MFADevicesOutput: OperationOutput, Encodable {
        var MFADevices: [MFADevice]
        var IsTruncated: Bool
        var Marker: String?
    }

    struct GetMFADeviceOutput: OperationOutput, Encodable {
        var UserName: String?
        var SerialNumber: String
        var EnableDate: Date?
    }
}
