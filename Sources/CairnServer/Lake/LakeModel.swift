import CairnCore
import Foundation

/// CloudTrail Lake's shapes, member names as botocore's model spells them.
enum LakeModel {
    struct CreateEventDataStoreInput: OperationInput, Codable {
        var Name: String?
        var AdvancedEventSelectors: [TrailAdvancedEventSelector]?
        var MultiRegionEnabled: Bool?
        var OrganizationEnabled: Bool?
        var RetentionPeriod: Int?
        var TerminationProtectionEnabled: Bool?
        var TagsList: [TrailTag]?
        var KmsKeyId: String?
        var StartIngestion: Bool?
        var BillingMode: String?
    }

    struct UpdateEventDataStoreInput: OperationInput, Codable {
        var EventDataStore: String?
        var Name: String?
        var AdvancedEventSelectors: [TrailAdvancedEventSelector]?
        var MultiRegionEnabled: Bool?
        var OrganizationEnabled: Bool?
        var RetentionPeriod: Int?
        var TerminationProtectionEnabled: Bool?
        var KmsKeyId: String?
        var BillingMode: String?
    }

    struct EventDataStoreInput: OperationInput, Codable {
        var EventDataStore: String?
    }

    struct EnableFederationInput: OperationInput, Codable {
        var EventDataStore: String?
        var FederationRoleArn: String?
    }

    struct FederationOutput: OperationOutput, Encodable {
        var EventDataStoreArn: String
        var FederationStatus: String
        var FederationRoleArn: String?
    }

    struct GenerateQueryInput: OperationInput, Codable {
        var EventDataStores: [String]?
        var Prompt: String?
    }

    struct GenerateQueryOutput: OperationOutput, Encodable {
        var QueryStatement: String
        var QueryAlias: String
        var EventDataStoreOwnerAccountId: String?
    }

    struct ListEventDataStoresInput: OperationInput, Codable {
        var NextToken: String?
        var MaxResults: Int?
    }

    /// A store as Create, Get, Update and Restore return it; which optional members appear depends on the call.
    struct EventDataStore: OperationOutput, Encodable {
        var EventDataStoreArn: String
        var Name: String
        var Status: String
        var AdvancedEventSelectors: [TrailAdvancedEventSelector]
        var MultiRegionEnabled: Bool
        var OrganizationEnabled: Bool
        var RetentionPeriod: Int
        var TerminationProtectionEnabled: Bool
        var TagsList: [TrailTag]?
        var CreatedTimestamp: Date
        var UpdatedTimestamp: Date
        var KmsKeyId: String?
        var BillingMode: String
        var FederationStatus: String?
        var FederationRoleArn: String?

        enum Form { case created, fetched, updated, restored }

        init(_ s: EventDataStoreRecord, _ form: Form) {
            EventDataStoreArn = s.arn
            Name = s.name
            Status = s.status.rawValue
            AdvancedEventSelectors = s.selectors
            MultiRegionEnabled = s.multiRegion
            OrganizationEnabled = s.organizationEnabled
            RetentionPeriod = s.retentionDays
            TerminationProtectionEnabled = s.terminationProtection
            CreatedTimestamp = s.created
            UpdatedTimestamp = s.updated
            KmsKeyId = s.kmsKeyId
            BillingMode = s.billingMode.rawValue
            if form == .created { TagsList = s.tags }
            if form == .fetched || form == .updated {
                FederationStatus = s.federationRoleArn == nil ? "DISABLED" : "ENABLED"
                FederationRoleArn = s.federationRoleArn
            }
        }
    }

    /// ListEventDataStores: AWS marks every member but the ARN and name deprecated, and still sends them.
    struct ListedEventDataStore: Encodable, Sendable {
        var EventDataStoreArn: String
        var Name: String
        var TerminationProtectionEnabled: Bool
        var Status: String
        var AdvancedEventSelectors: [TrailAdvancedEventSelector]
        var MultiRegionEnabled: Bool
        var OrganizationEnabled: Bool
        var RetentionPeriod: Int
        var CreatedTimestamp: Date
        var UpdatedTimestamp: Date

        init(_ s: EventDataStoreRecord) {
            EventDataStoreArn = s.arn
            Name = s.name
            TerminationProtectionEnabled = s.terminationProtection
            Status = s.status.rawValue
            AdvancedEventSelectors = s.selectors
            MultiRegionEnabled = s.multiRegion
            OrganizationEnabled = s.organizationEnabled
            RetentionPeriod = s.retentionDays
            CreatedTimestamp = s.created
            UpdatedTimestamp = s.updated
        }
    }

    struct ListEventDataStoresOutput: OperationOutput, Encodable {
        var EventDataStores: [ListedEventDataStore]
        var NextToken: String?
    }

    struct StartQueryInput: OperationInput, Codable {
        var QueryStatement: String?
        var DeliveryS3Uri: String?
        var QueryAlias: String?
        var QueryParameters: [String]?
        var EventDataStoreOwnerAccountId: String?
    }

    struct StartQueryOutput: OperationOutput, Encodable {
        var QueryId: String
        var EventDataStoreOwnerAccountId: String?
    }

    struct DescribeQueryInput: OperationInput, Codable {
        var EventDataStore: String?
        var QueryId: String?
        var QueryAlias: String?
        var RefreshId: String?
        var EventDataStoreOwnerAccountId: String?
    }

    struct DescribeQueryOutput: OperationOutput, Encodable {
        struct Statistics: Encodable, Sendable {
            var EventsMatched: Int64
            var EventsScanned: Int64
            var BytesScanned: Int64
            var ExecutionTimeInMillis: Int64
            var CreationTime: Date
        }
        var QueryId: String
        var QueryString: String
        var QueryStatus: String
        var QueryStatistics: Statistics
        var ErrorMessage: String?
        var DeliveryS3Uri: String?
        var DeliveryStatus: String?
        var Prompt: String?
        var EventDataStoreOwnerAccountId: String?
    }

    struct GetQueryResultsInput: OperationInput, Codable {
        var EventDataStore: String?
        var QueryId: String?
        var NextToken: String?
        var MaxQueryResults: Int?
        var EventDataStoreOwnerAccountId: String?
    }

    /// Each row is a list of one-member objects, column name to text value, in the SELECT list's order.
    struct GetQueryResultsOutput: OperationOutput, Encodable {
        struct Statistics: Encodable, Sendable {
            var ResultsCount: Int
            var TotalResultsCount: Int
            var BytesScanned: Int64
        }
        var QueryStatus: String
        var QueryStatistics: Statistics
        var QueryResultRows: [[[String: String]]]
        var NextToken: String?
        var ErrorMessage: String?
    }

    struct ListQueriesInput: OperationInput, Codable {
        var EventDataStore: String?
        var NextToken: String?
        var MaxResults: Int?
        var StartTime: Date?
        var EndTime: Date?
        var QueryStatus: String?
    }

    struct ListQueriesOutput: OperationOutput, Encodable {
        struct Query: Encodable, Sendable {
            var QueryId: String
            var QueryStatus: String
            var CreationTime: Date
        }
        var Queries: [Query]
        var NextToken: String?
    }

    struct CancelQueryInput: OperationInput, Codable {
        var EventDataStore: String?
        var QueryId: String?
        var EventDataStoreOwnerAccountId: String?
    }

    struct CancelQueryOutput: OperationOutput, Encodable {
        var QueryId: String
        var QueryStatus: String
        var EventDataStoreOwnerAccountId: String?
    }

    struct SearchSampleQueriesInput: OperationInput, Codable {
        var SearchPhrase: String?
        var MaxResults: Int?
        var NextToken: String?
    }

    struct SearchSampleQueriesOutput: OperationOutput, Encodable {
        struct Result: Encodable, Sendable {
            var Name: String
            var Description: String
            var SQL: String
            var Relevance: Float
        }
        var SearchResults: [Result]
        var NextToken: String?
    }
}
