/// What one delivery pass did, for logs and tests.
package struct DeliveryReport: Sendable, Equatable {
    package var eventsRead = 0
    package var logFiles = 0
    package var eventsDelivered = 0
    package var digests = 0
    package var failures = 0

    package init() {}
}
