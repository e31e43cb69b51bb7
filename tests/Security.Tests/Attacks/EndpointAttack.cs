using System.Net;

namespace CampaignMcp.Security.Tests.Attacks;

/// <summary>
/// One hostile request to a token-granting surface and the refusal it must meet: status, error code of the
/// surface's envelope, and the audit reason (null where the refusal is about the request's shape, not a
/// credential: such requests carry no authentication decision to audit).
/// </summary>
public sealed record EndpointAttack(
    string Name,
    Func<string, HttpRequestMessage> Request,
    HttpStatusCode Status,
    string Code,
    string? AuditReason,
    int AuditEvent = 1001)
{
    public override string ToString() => Name;
}
