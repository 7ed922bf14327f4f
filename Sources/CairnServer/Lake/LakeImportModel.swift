import CairnCore
import Foundation

/// CloudTrail Lake's import shapes, member names as botocore's model spells them.
enum LakeImportModel {
    struct S3Source: Codable, Sendable {
        var S3LocationUri: String?
        var S3BucketRegion: String?
        var S3BucketAccessRoleArn: String?
    }

    struct Source: Codable, Sendable {
        var S3: S3Source?
    }

    struct StartImportInput: OperationInput, Codable {
        var Destinations: [String]?
        var ImportSource: Source?
        var StartEventTime: Date?
        var EndEventTime: Date?
        var ImportId: String?
    }

    struct ImportInput: OperationInput, Codable {
        var ImportId: String?
    }

    struct ListImportsInput: OperationInput, Codable {
        var MaxResults: Int?
        var Destination: String?
        var ImportStatus: String?
        var NextToken: String?
    }

    struct ListImportFailuresInput: OperationInput, Codable {
        var ImportId: String?
        var MaxResults: Int?
        var NextToken: String?
    }

    struct Statistics: Encodable, Sendable {
        var PrefixesFound: Int64
        var PrefixesCompleted: Int64
        var FilesCompleted: Int64
        var EventsCompleted: Int64
        var FailedEntries: Int64
    }

    /// An import as StartImport, GetImport and StopImport return it (StartImport without statistics).
    struct Import: OperationOutput, Encodable {
        var ImportId: String
        var Destinations: [String]
        var ImportSource: Source
        var StartEventTime: Date?
        var EndEventTime: Date?
        var ImportStatus: String
        var CreatedTimestamp: Date
        var UpdatedTimestamp: Date
        var ImportStatistics: Statistics?

        init(_ i: LakeImportRecord, statistics: Bool) {
            ImportId = i.id.uuidString.lowercased()
            Destinations = [i.destination]
            ImportSource = Source(S3: .init(S3LocationUri: i.sourceURI, S3BucketRegion: i.sourceRegion, S3BucketAccessRoleArn: i.roleArn))
            StartEventTime = i.startEventTime
            EndEventTime = i.endEventTime
            ImportStatus = i.status
            CreatedTimestamp = i.created
            UpdatedTimestamp = i.updated
            if statistics {
                ImportStatistics = Statistics(
                    PrefixesFound: i.prefixesFound, PrefixesCompleted: i.prefixesCompleted, FilesCompleted: i.filesCompleted,
                    EventsCompleted: i.eventsCompleted, FailedEntries: i.failedEntries)
            }
        }
    }

    struct ListImportsOutput: OperationOutput, Encodable {
        struct Item: Encodable, Sendable {
            var ImportId: String
            var ImportStatus: String
            var Destinations: [String]
            var CreatedTimestamp: Date
            var UpdatedTimestamp: Date
        }
        var Imports: [Item]
        var NextToken: String?
    }

    struct ListImportFailuresOutput: OperationOutput, Encodable {
        struct Failure: Encodable, Sendable {
            var Location: String
            var Status: String
            var ErrorType: String
            var ErrorMessage: String
            var LastUpdatedTime: Date
        }
        var Failures: [Failure]
        var NextToken: String?
    }
}
