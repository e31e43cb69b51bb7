using System.Diagnostics.Metrics;

namespace CampaignMcp.Tokens.Audit;

/// <summary>
/// Counters an operator can alert on, on the meter <see cref="MeterName"/> (exported by OpenTelemetry to
/// Application Insights, see the Functions Program). Tags are small closed sets (surface, reason, grant):
/// never the client id or address, which a caller chooses and which would explode cardinality.
/// </summary>
public sealed class AuthMetrics
{
    public const string MeterName = "CampaignMcp.Auth";

    private readonly Counter<long> failures;
    private readonly Counter<long> lockouts;
    private readonly Counter<long> issued;
    private readonly Counter<long> revoked;
    private readonly Counter<long> reuse;

    public AuthMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        failures = meter.CreateCounter<long>("campaign_mcp.auth.failures", "{failure}", "Refused authentication or authorization, by surface, kind and reason");
        lockouts = meter.CreateCounter<long>("campaign_mcp.auth.lockouts", "{request}", "Requests refused with 429 because too many API-key attempts failed");
        issued = meter.CreateCounter<long>("campaign_mcp.tokens.issued", "{token}", "Access tokens issued, by grant");
        revoked = meter.CreateCounter<long>("campaign_mcp.tokens.revoked", "{token}", "Revocations, by token type and cause");
        reuse = meter.CreateCounter<long>("campaign_mcp.refresh.reuse_detected", "{family}", "Refresh tokens presented again after rotation; each revokes its family");
    }

    public void Failure(string surface, string kind, string reason) =>
        failures.Add(1, new("surface", surface), new("kind", kind), new("reason", reason));

    public void Lockout(string surface, string limitedBy) => lockouts.Add(1, new("surface", surface), new("limited_by", limitedBy));

    public void Issued(string grant) => issued.Add(1, new KeyValuePair<string, object?>("grant", grant));

    public void Revoked(string tokenType, string cause) => revoked.Add(1, new("token_type", tokenType), new("cause", cause));

    public void ReuseDetected() => reuse.Add(1);
}
