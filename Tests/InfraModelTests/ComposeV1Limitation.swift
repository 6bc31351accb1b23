/// A documented way in which Compose v1 reads a corpus case differently from infraplan.
///
/// Compose v1 (1.29.2) predates parts of the Compose specification that the
/// corpus's reference, Docker Compose v2, reads; where the two readers
/// disagree for such a reason, the comparison is excused by an entry here.
/// The README's "Compose v1 as a second reader" lists the same entries; keep
/// them in step.
///
/// An entry names the cases it covers, so that a new difference anywhere else
/// fails the comparison, and it must still be needed by every case it names,
/// so that the list cannot outlive what it excuses.
struct ComposeV1Limitation: Sendable {
    /// What v1 does for the cases an entry names.
    enum Effect: Sendable {
        /// v1 refuses a case infraplan accepts, saying this (a fragment of its error output).
        case refuses(saying: String)
        /// v1 accepts a case infraplan (and Docker Compose v2) refuses.
        case accepts
        /// Both accept, and the facts differ in lines containing one of these
        /// fragments (`service S: environment KEY`, `v1 VALUE`).
        case differs(in: [String])
    }

    /// Case ids; an id ending in `*` covers every id that starts with what precedes it.
    var cases: [String]
    var effect: Effect
    /// Why v1 reads it so, in a few words.
    var reason: String

    /// True when this entry names `id`.
    func covers(_ id: String) -> Bool {
        cases.contains { Self.matches($0, id) }
    }

    /// True when the case pattern `pattern` (an id, or a prefix and `*`) names `id`.
    static func matches(_ pattern: String, _ id: String) -> Bool {
        pattern.hasSuffix("*") ? id.hasPrefix(pattern.dropLast()) : id == pattern
    }

    /// Every documented limitation, in the README's order.
    static let all: [ComposeV1Limitation] = [
        ComposeV1Limitation(
            cases: ["anandslab-hs", "compose-go-combined", "compose-go-include"],
            effect: .refuses(saying: "'include'"),
            reason: "v1 rejects top-level include"),
        ComposeV1Limitation(
            cases: ["immich"], effect: .refuses(saying: "'name' does not match"),
            reason: "v1 rejects top-level name"),
        ComposeV1Limitation(
            cases: [
                "awesome-nginx-golang-postgres", "awesome-react-express-mysql",
                "awesome-traefik-golang", "docker-compose-volume-test",
                "nextcloud-nginx-proxy-fpm",
            ],
            effect: .refuses(saying: "either does not exist"),
            reason: "v1 refuses a missing build context"),
        ComposeV1Limitation(
            cases: ["superset-non-dev"],
            effect: .refuses(saying: "env_file contains {\"path\""),
            reason: "v1 rejects the env_file long form (path, required)"),
        ComposeV1Limitation(
            cases: ["docker-compose-not-required-deps*"],
            effect: .refuses(saying: "unsupported option: 'required'"),
            reason: "v1 does not know depends_on.required"),
        ComposeV1Limitation(
            cases: ["sentry*"], effect: .refuses(saying: "unsupported option: 'restart'"),
            reason: "v1 does not know depends_on.restart"),
        ComposeV1Limitation(
            cases: ["frappe-mariadb-secrets"], effect: .refuses(saying: "'!reset'"),
            reason: "v1 does not know the !reset tag"),
        ComposeV1Limitation(
            cases: ["immich", "jitsi"],
            effect: .refuses(saying: "ports contains an invalid type"),
            reason: "v1 rejects a port with an empty host part (:8000, :2283:2283)"),
        ComposeV1Limitation(
            cases: [
                "frappe-base", "frappe-base-no-env", "frappe-mariadb-redis",
                "frappe-mariadb-redis-https", "frappe-migrator", "frappe-multi-bench",
            ],
            effect: .differs(in: [
                "v1 frappe/erpnext:$ERPNEXT_VERSION", "environment FRAPPE_SITE_NAME_HEADER:",
            ]),
            reason: "v1 takes a default literally: ${CUSTOM_TAG:-$ERPNEXT_VERSION} stays "
                + "$ERPNEXT_VERSION and ${FRAPPE_SITE_NAME_HEADER:-$$host} stays $$host"),
        ComposeV1Limitation(
            cases: [
                "anandslab-hs-traefik-alone", "anandslab-hs-authelia-alone",
                "anandslab-hs-oauth-alone",
            ],
            effect: .accepts,
            reason: "v1's config accepts networks and secrets that the file does not declare"),
    ]
}
