import CairnPolicy
import CairnStore

/// The in-process caches of what every call reads: credentials (authentication's lookup) and the trails each
/// account can see (trail reads). One freshness for both, so one announcement empties both.
struct CallCaches: Sendable {
    let freshness: CacheFreshness
    let credentials: FreshCache<String, (AccessKeyRecord?, Bool)>
    let trailViews: FreshCache<String, TrailView>
    /// Each resource owner's compiled RCPs (the Authorizer's).
    let resourceControls: FreshCache<String, [CompiledPolicySet]>

    init(freshness: CacheFreshness = CacheFreshness()) {
        self.freshness = freshness
        credentials = FreshCache(freshness: freshness)
        trailViews = FreshCache(freshness: freshness)
        resourceControls = FreshCache(freshness: freshness)
    }
}
