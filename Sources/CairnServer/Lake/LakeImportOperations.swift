import CairnCore
import CairnStore
import Foundation

/// Lake imports: StartImport checks the destination and the source and queues the import; a worker
/// (LakeImportWorker) copies the trail log files; the other operations read its progress.
enum LakeImportOperations {
    typealias Entry = OperationCatalogue.Lake

    static func importId(_ raw: String?) throws -> UUID {
        guard let raw else { throw ServiceError.missingParameter("ImportId") }
        guard let id = UUID(uuidString: raw) else { throw notFound(raw) }
        return id
    }

    static func notFound(_ raw: String) -> ServiceError {
        ServiceError(code: "ImportNotFoundException", status: 400, message: "Import \(raw) was not found.")
    }

    static func found(_ raw: String?, _ ctx: OperationContext) async throws -> LakeImportRecord {
        let id = try importId(raw)
        guard let found = try await ctx.tx.lakeImports.find(id, account: ctx.facts.principal.account.value) else { throw notFound(raw ?? "") }
        return found
    }

    static let startImport = Operation<LakeImportModel.StartImportInput, LakeImportModel.Import>(
        Entry.startImport, target: { input, t in EventDataStoreOperations.target(input.Destinations?.first, t) }
    ) { input, ctx in
        let account = ctx.facts.principal.account.value
        if let raw = input.ImportId {
            // A retry: the failed or stopped import starts over with what it named.
            guard let restarted = try await ctx.tx.lakeImports.restart(try importId(raw), account: account, at: ctx.facts.time) else {
                throw notFound(raw)
            }
            guard restarted.status == "INITIALIZING" else {
                throw ServiceError(
                    code: "InvalidParameterException", status: 400,
                    message: "Import \(raw) is \(restarted.status); only a failed or stopped import can be retried.")
            }
            return LakeImportModel.Import(restarted, statistics: false)
        }
        guard let destinations = input.Destinations, destinations.count == 1 else {
            throw ServiceError(code: "InvalidParameterException", status: 400, message: "Destinations must name exactly one event data store.")
        }
        let store = try await EventDataStoreOperations.store(destinations[0], ctx)
        try EventDataStoreRules.checkActive(store)
        guard store.category == .management else {
            throw ServiceError(
                code: "InvalidEventDataStoreCategoryException", status: 400, message: "Only event data stores of CloudTrail events take imports.")
        }
        guard store.status == .enabled || store.status == .stoppedIngestion else {
            throw ServiceError(
                code: "InvalidEventDataStoreStatusException", status: 400, message: "Event data store \(store.arn) is \(store.status.rawValue).")
        }
        guard let s3 = input.ImportSource?.S3, let uri = s3.S3LocationUri, let bucketRegion = s3.S3BucketRegion, let role = s3.S3BucketAccessRoleArn
        else {
            throw ServiceError(
                code: "InvalidImportSourceException", status: 400,
                message: "ImportSource needs S3 with S3LocationUri, S3BucketRegion and S3BucketAccessRoleArn.")
        }
        do { _ = try LakeResultDelivery.target(uri) } catch {
            throw ServiceError(code: "InvalidImportSourceException", status: 400, message: "S3LocationUri \(uri) is not an s3://bucket/prefix URI.")
        }
        if let start = input.StartEventTime, let end = input.EndEventTime, start > end {
            throw ServiceError(code: "InvalidParameterException", status: 400, message: "StartEventTime must not be after EndEventTime.")
        }
        let record = LakeImportRecord(
            id: UUID(), account: account, region: ctx.facts.region, storeId: store.id, destination: store.arn, sourceURI: uri,
            sourceRegion: bucketRegion, roleArn: role, startEventTime: input.StartEventTime, endEventTime: input.EndEventTime,
            status: "INITIALIZING", created: ctx.facts.time, updated: ctx.facts.time)
        try await ctx.tx.lakeImports.start(record)
        return LakeImportModel.Import(record, statistics: false)
    }

    static let getImport = Operation<LakeImportModel.ImportInput, LakeImportModel.Import>(Entry.getImport) { input, ctx in
        LakeImportModel.Import(try await found(input.ImportId, ctx), statistics: true)
    }

    static let stopImport = Operation<LakeImportModel.ImportInput, LakeImportModel.Import>(Entry.stopImport) { input, ctx in
        let i = try await found(input.ImportId, ctx)
        try await ctx.tx.lakeImports.stop(i.id, at: ctx.facts.time)
        return LakeImportModel.Import(try await found(input.ImportId, ctx), statistics: true)
    }

    /// Newest first; `MaxResults` 1–1000 (default 1000).
    static let listImports = Operation<LakeImportModel.ListImportsInput, LakeImportModel.ListImportsOutput>(Entry.listImports) { input, ctx in
        let size = input.MaxResults ?? 1000
        guard (1...1000).contains(size) else {
            throw ServiceError(code: "InvalidParameterException", status: 400, message: "MaxResults must be between 1 and 1000.")
        }
        var all = try await ctx.tx.lakeImports.list(account: ctx.facts.principal.account.value)
        if let destination = input.Destination {
            let store = try await EventDataStoreOperations.store(destination, ctx)
            all = all.filter { $0.storeId == store.id }
        }
        if let status = input.ImportStatus { all = all.filter { $0.status == status } }
        guard let (page, next) = PageToken.slice(all, size: size, token: input.NextToken, scope: "ListImports") else {
            throw ServiceError(code: "InvalidNextTokenException", status: 400, message: "The NextToken is not valid.")
        }
        return LakeImportModel.ListImportsOutput(
            Imports: page.map {
                .init(
                    ImportId: $0.id.uuidString.lowercased(), ImportStatus: $0.status, Destinations: [$0.destination], CreatedTimestamp: $0.created,
                    UpdatedTimestamp: $0.updated)
            }, NextToken: next)
    }

    static let listImportFailures = Operation<LakeImportModel.ListImportFailuresInput, LakeImportModel.ListImportFailuresOutput>(
        Entry.listImportFailures
    ) { input, ctx in
        let i = try await found(input.ImportId, ctx)
        let size = input.MaxResults ?? 1000
        guard (1...1000).contains(size) else {
            throw ServiceError(code: "InvalidParameterException", status: 400, message: "MaxResults must be between 1 and 1000.")
        }
        let all = try await ctx.tx.lakeImports.failures(i.id)
        guard let (page, next) = PageToken.slice(all, size: size, token: input.NextToken, scope: "ListImportFailures:\(i.id)") else {
            throw ServiceError(code: "InvalidNextTokenException", status: 400, message: "The NextToken is not valid.")
        }
        return LakeImportModel.ListImportFailuresOutput(
            Failures: page.map {
                .init(Location: $0.location, Status: $0.status, ErrorType: $0.type, ErrorMessage: $0.message, LastUpdatedTime: $0.updated)
            },
            NextToken: next)
    }
}
