import NIOCore
import NIOPosix

/// Binds the listen address once and lets it go, before the HTTP application starts.
///
/// A bind that fails inside Hummingbird's own service group cancels that group at the moment its date cache is
/// registering a `merge` continuation, which can deadlock both event loops (`ExitWatchdog`; seen in one start in
/// eight with the port taken). Failing here, where no merge runs, turns the common case — the port is taken — into
/// the usual one line and exit 1. The port could be taken in between; then the watchdog still ends the process.
enum ListenAddressCheck {
    static func ensureFree(host: String, port: Int) async throws {
        guard port != 0 else { return }
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: host, port: port).get()
        try await channel.close()
    }
}
