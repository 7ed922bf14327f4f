import CairnCore
import CairnPolicy
import Foundation

/// Service-linked roles' shapes, member names as botocore's model spells them.
extension IAMModel {
    struct CreateServiceLinkedRoleInput: OperationInput, Codable {
        var AWSServiceName: String?
        var Description: String?
        var CustomSuffix: String?
    }

    struct DeletionTaskInput: OperationInput, Codable {
        var DeletionTaskId: String?
    }

    struct DeletionTaskOutput: OperationOutput, Encodable {
        var DeletionTaskId: String
    }

    struct RoleUsage: Encodable, Sendable {
        var Region: String
        var Resources: [String]
    }

    struct DeletionFailureReason: Encodable, Sendable {
        var Reason: String?
        var RoleUsageList: [RoleUsage]

        /// From the reason DeleteServiceLinkedRole stored.
        init?(json text: String) {
            guard case .object(let o)? = JSONValue.parse(text) else { return nil }
            Reason = o["Reason"]?.stringValue
            guard case .array(let list)? = o["RoleUsageList"] else {
                RoleUsageList = []
                return
            }
            RoleUsageList = list.compactMap { u in
                guard let region = u["Region"]?.stringValue, case .array(let resources)? = u["Resources"] else { return nil }
                return RoleUsage(Region: region, Resources: resources.compactMap(\.stringValue))
            }
        }
    }

    struct DeletionStatusOutput: OperationOutput, Encodable {
        var Status: String
        var Reason: DeletionFailureReason?
    }
}
