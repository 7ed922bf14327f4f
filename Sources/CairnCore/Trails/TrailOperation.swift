/// The CloudTrail trail operations whose rules differ: which mutate, which must run in the home Region,
/// which address the trail's tags, and how "not found" is worded.
package enum TrailOperation: String, CaseIterable, Hashable, Sendable {
    case createTrail = "CreateTrail"
    case updateTrail = "UpdateTrail"
    case deleteTrail = "DeleteTrail"
    case getTrail = "GetTrail"
    case describeTrails = "DescribeTrails"
    case listTrails = "ListTrails"
    case getTrailStatus = "GetTrailStatus"
    case startLogging = "StartLogging"
    case stopLogging = "StopLogging"
    case putEventSelectors = "PutEventSelectors"
    case getEventSelectors = "GetEventSelectors"
    case putInsightSelectors = "PutInsightSelectors"
    case getInsightSelectors = "GetInsightSelectors"
    case putEventConfiguration = "PutEventConfiguration"
    case addTags = "AddTags"
    case removeTags = "RemoveTags"
    case listTags = "ListTags"

    /// Exactly the operations the model lists `InvalidHomeRegionException` for.
    package var requiresHomeRegion: Bool {
        switch self {
        case .updateTrail, .deleteTrail, .startLogging, .stopLogging, .putEventSelectors, .putInsightSelectors,
            .putEventConfiguration:
            true
        default: false
        }
    }

    /// Operations that change a trail or its tags (the model lists `NotOrganizationMasterAccountException`
    /// for each of them except CreateTrail, whose organization rules are checked separately).
    package var isMutation: Bool {
        switch self {
        case .createTrail, .updateTrail, .deleteTrail, .startLogging, .stopLogging, .putEventSelectors,
            .putInsightSelectors, .putEventConfiguration, .addTags, .removeTags:
            true
        default: false
        }
    }

    /// Tag operations scope their ARN to the caller's own account and Region and fail with
    /// `CloudTrailARNInvalidException` otherwise (observed on ListTags; the model gives AddTags and RemoveTags
    /// the same exception and no InvalidHomeRegionException).
    package var addressesTags: Bool {
        self == .addTags || self == .removeTags || self == .listTags
    }

    /// When a *name* is not found, GetTrailStatus and GetEventSelectors echo an ARN built from the calling
    /// Region and account (aws/aws-sdk-go-v2#1957, ankane/s3tk#18); the others echo what was sent.
    package var echoesNameAsARNWhenNotFound: Bool {
        self == .getTrailStatus || self == .getEventSelectors
    }
}
