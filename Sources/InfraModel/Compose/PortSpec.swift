import Foundation

/// Checks a published port as Docker reads it, so that a spec it refuses is refused at import.
///
/// The short syntax is `[[IP:]HOST:]CONTAINER[/PROTOCOL]`, where `HOST` and
/// `CONTAINER` are ports (0 to 65535) or ranges (`8000-8010`), `IP` is an IPv4
/// or IPv6 address (in brackets when it holds colons: `[::1]:80:80`), and
/// `PROTOCOL` is `tcp`, `udp` or `sctp` in any case. The host part may be empty
/// (`:8000`, a port Docker picks). A host range must be as long as the container
/// range, unless the container port is a single port (the host range is then
/// where Docker picks it from). This is the grammar compose-go hands to Docker's
/// `nat.ParsePortSpec`.
enum PortSpec {
    /// Why Docker refuses the short-syntax `spec`, or nil when it takes it.
    static func problem(in spec: String) -> String? {
        let (ip, host, containerPart) = split(spec)
        let (proto, container) = splitProtocol(containerPart)
        if let ip, let reason = addressProblem(ip) { return reason }
        guard !container.isEmpty else { return "no container port" }
        guard let containerRange = range(container) else {
            return "container port '\(container)' is not a port (0-65535) or a range of ports"
        }
        if !host.isEmpty {
            guard let hostRange = range(host) else {
                return "host port '\(host)' is not a port (0-65535) or a range of ports"
            }
            if hostRange.count != containerRange.count, containerRange.count > 1 {
                return "host ports \(host) and container ports \(container) differ in number"
            }
        }
        guard ["tcp", "udp", "sctp"].contains(proto.lowercased()) else {
            return "protocol '\(proto)' is not tcp, udp or sctp"
        }
        return nil
    }

    /// Why a long-syntax `target` is refused, or nil for a port from 1 to 65535.
    static func targetProblem(_ text: String) -> String? {
        guard let port = Int(text), (1...65535).contains(port) else {
            return "not a port from 1 to 65535"
        }
        return nil
    }

    /// Why a long-syntax `published` is refused, or nil for nothing, a port or a range.
    static func publishedProblem(_ text: String) -> String? {
        guard !text.isEmpty, range(text) == nil else { return nil }
        return "not a port (0-65535) or a range of ports"
    }

    /// `ip:host:container`: the last part is the container's, the one before the host's, and
    /// whatever comes before those the address (an IPv6 one holds colons itself).
    private static func split(_ spec: String) -> (ip: String?, host: String, container: String) {
        let parts = spec.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        switch parts.count {
        case 1: return (nil, "", parts[0])
        case 2: return (nil, parts[0], parts[1])
        default:
            let ip = parts.dropLast(2).joined(separator: ":")
            return (ip.isEmpty ? nil : ip, parts[parts.count - 2], parts[parts.count - 1])
        }
    }

    /// `80/udp` → (`udp`, `80`); no protocol, or an empty one, is `tcp`.
    private static func splitProtocol(_ text: String) -> (String, String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let port = parts.first, !port.isEmpty else { return ("tcp", "") }
        guard parts.count > 1, !parts[1].isEmpty else { return ("tcp", port) }
        return (parts[1], port)
    }

    /// `8000` or `8000-8010` as a closed range; nil when not ports, or the range runs backwards.
    private static func range(_ text: String) -> ClosedRange<Int>? {
        let bounds = text.split(separator: "-", omittingEmptySubsequences: false)
        guard bounds.count <= 2, let start = UInt16(bounds[0]) else { return nil }
        guard bounds.count == 2 else { return Int(start)...Int(start) }
        guard let end = UInt16(bounds[1]), end >= start else { return nil }
        return Int(start)...Int(end)
    }

    /// Why `ip` is not an address Docker binds to; brackets around an IPv6 address are dropped.
    private static func addressProblem(_ ip: String) -> String? {
        var address = ip
        if address.hasPrefix("[") {
            guard address.hasSuffix("]") else { return "IP address '\(ip)' lacks its ']'" }
            address = String(address.dropFirst().dropLast())
        }
        return isAddress(address) ? nil : "'\(ip)' is not an IP address"
    }

    /// True for an IPv4 or IPv6 address in the textual forms `inet_pton(3)` reads.
    static func isAddress(_ text: String) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16)
        return inet_pton(AF_INET, text, &buffer) == 1 || inet_pton(AF_INET6, text, &buffer) == 1
    }
}
