import CairnCore
import Foundation
import OpenAPIRuntime

/// Lake imports over REST: the same operations as the CloudTrail door.
extension RESTService {
    func startImport(_ input: Operations.StartImport.Input) async throws -> Operations.StartImport.Output {
        let started = try await run(LakeImportOperations.startImport) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return LakeImportModel.StartImportInput(
                Destinations: b.destination.map { [$0] },
                ImportSource: b.s3LocationUri == nil && b.s3BucketRegion == nil && b.s3BucketAccessRoleArn == nil
                    ? nil
                    : .init(
                        S3: .init(S3LocationUri: b.s3LocationUri, S3BucketRegion: b.s3BucketRegion, S3BucketAccessRoleArn: b.s3BucketAccessRoleArn)),
                StartEventTime: b.startEventTime, EndEventTime: b.endEventTime, ImportId: b.importId)
        }
        return .accepted(.init(body: .json(Self.lakeImport(started))))
    }

    func getImport(_ input: Operations.GetImport.Input) async throws -> Operations.GetImport.Output {
        .ok(
            .init(
                body: .json(
                    Self.lakeImport(try await run(LakeImportOperations.getImport) { LakeImportModel.ImportInput(ImportId: input.path.importId) }))))
    }

    func stopImport(_ input: Operations.StopImport.Input) async throws -> Operations.StopImport.Output {
        .ok(
            .init(
                body: .json(
                    Self.lakeImport(try await run(LakeImportOperations.stopImport) { LakeImportModel.ImportInput(ImportId: input.path.importId) }))))
    }

    func listImports(_ input: Operations.ListImports.Input) async throws -> Operations.ListImports.Output {
        let page = try await run(LakeImportOperations.listImports) {
            LakeImportModel.ListImportsInput(
                MaxResults: input.query.limit, Destination: input.query.destination, ImportStatus: input.query.importStatus,
                NextToken: input.query.nextToken)
        }
        return .ok(
            .init(
                body: .json(
                    .init(
                        imports: page.Imports.map {
                            .init(
                                importId: $0.ImportId, importStatus: $0.ImportStatus, destinations: $0.Destinations,
                                createdTimestamp: $0.CreatedTimestamp,
                                updatedTimestamp: $0.UpdatedTimestamp)
                        }, nextToken: page.NextToken))))
    }

    func listImportFailures(_ input: Operations.ListImportFailures.Input) async throws -> Operations.ListImportFailures.Output {
        let page = try await run(LakeImportOperations.listImportFailures) {
            LakeImportModel.ListImportFailuresInput(ImportId: input.path.importId, MaxResults: input.query.limit, NextToken: input.query.nextToken)
        }
        return .ok(
            .init(
                body: .json(
                    .init(
                        failures: page.Failures.map {
                            .init(
                                location: $0.Location, status: $0.Status, errorType: $0.ErrorType, errorMessage: $0.ErrorMessage,
                                lastUpdatedTime: $0.LastUpdatedTime)
                        }, nextToken: page.NextToken))))
    }

    static func lakeImport(_ i: LakeImportModel.Import) -> Components.Schemas.LakeImport {
        .init(
            importId: i.ImportId, importStatus: i.ImportStatus, destinations: i.Destinations, s3LocationUri: i.ImportSource.S3?.S3LocationUri,
            s3BucketRegion: i.ImportSource.S3?.S3BucketRegion, s3BucketAccessRoleArn: i.ImportSource.S3?.S3BucketAccessRoleArn,
            startEventTime: i.StartEventTime, endEventTime: i.EndEventTime, createdTimestamp: i.CreatedTimestamp,
            updatedTimestamp: i.UpdatedTimestamp,
            importStatistics: i.ImportStatistics.map {
                .init(
                    prefixesFound: $0.PrefixesFound, prefixesCompleted: $0.PrefixesCompleted, filesCompleted: $0.FilesCompleted,
                    eventsCompleted: $0.EventsCompleted, failedEntries: $0.FailedEntries)
            })
    }
}
