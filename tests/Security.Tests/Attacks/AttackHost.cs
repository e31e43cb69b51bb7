using System.Net.Http.Headers;
using CampaignMcp.SignalR;
using CampaignMcp.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignMcp.Security.Tests.Attacks;

/// <summary>
/// Calls every surface that accepts an access token the way its real callers do, each call from its own
/// address (or SignalR connection), so that its audit line can be told apart from every other.
/// </summary>
public sealed class AttackHost(RunningHost host)
{
    public const string McpPath = "/api/v1/mcp";
    public const string NegotiatePath = "/api/v1/mcp/signalr/negotiate";
    public const string UpstreamPath = "/api/v1/mcp/signalr/upstream/mcp/messages/jsonrpc";
    public const string OAuthTokenPath = "/api/v1/mcp/oauth/token";
    private const string ToolsList = """{"jsonrpc":"2.0","id":1,"method":"tools/list"}""";
    private static int sequence;

    public RunningHost Host => host;

    /// <summary>A documentation-range address (RFC 3849) no other call uses: the audit line's remote.</summary>
    // One /64 each: the attempt limit counts an IPv6 caller by its /64, so addresses in one /64 would share a window.
    public static string NextAddress() => $"2001:db8:{Interlocked.Increment(ref sequence):x}::1";

    public async Task<HttpResponseMessage> McpHttpAsync(string token, string address)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, McpPath) { Content = Json.Body(ToolsList) };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        request.Headers.Add("X-Forwarded-For", address);
        return await host.Client.SendAsync(request);
    }

    public async Task<HttpResponseMessage> NegotiateAsync(string token, string address)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, NegotiatePath + "?negotiateVersion=1");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        request.Headers.Add("X-Forwarded-For", address);
        return await host.Client.SendAsync(request);
    }

    /// <summary>
    /// A signed upstream call carrying <c>tools/list</c>, the token either in <c>params.auth.token</c> or
    /// sealed in the service token's <c>mcp.token</c> claim. Returns the JSON-RPC reply the client would get.
    /// </summary>
    public async Task<System.Text.Json.JsonElement> SignalRAsync(string token, bool sealedClaim, string connectionId)
    {
        var message = sealedClaim
            ? ToolsList
            : System.Text.Json.JsonSerializer.Serialize(new { jsonrpc = "2.0", id = 1, method = "tools/list", @params = new { auth = new { token } } });
        using var request = new HttpRequestMessage(HttpMethod.Post, UpstreamPath)
        {
            Content = new ByteArrayContent(HubMessages.Invocation("7", HubContract.JsonRpcMethod, [message])),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(UpstreamRequest.ConnectionIdHeader, connectionId);
        request.Headers.Add(UpstreamRequest.HubHeader, HubContract.HubName);
        request.Headers.Add(UpstreamRequest.CategoryHeader, UpstreamRequest.MessagesCategory);
        request.Headers.Add(UpstreamRequest.EventHeader, HubContract.JsonRpcMethod);
        var claims = "asrs.s.uid: claude" + (sealedClaim ? ", mcp.token: " + host.Services.GetRequiredService<McpTokenBinding>().Seal(token) : "");
        request.Headers.TryAddWithoutValidation(UpstreamRequest.UserClaimsHeader, claims);
        request.Headers.Add(UpstreamRequest.SignatureHeader, UpstreamSignature.Sign(connectionId, host.Services.GetRequiredService<SignalRSettings>().Endpoint!.AccessKey!));
        request.Headers.Add("x-functions-key", host.FunctionKey);
        using var response = await host.Client.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var completion = HubMessages.ParseCompletion(await response.Content.ReadAsByteArrayAsync());
        Assert.NotNull(completion);
        Assert.Null(completion.Error);
        return System.Text.Json.JsonDocument.Parse((string)completion.Result!).RootElement.Clone();
    }

    /// <summary>
    /// Sends <paramref name="attack"/> from a fresh address and checks its refusal: status, the envelope's error
    /// code (RFC 6749 §5.2 <c>error</c> on the OAuth endpoint), <c>no-store</c>, and its audit line on
    /// <paramref name="surface"/> (or <c>oauth-token</c>) when it has one. Returns the response body.
    /// </summary>
    public async Task<System.Text.Json.JsonElement> AssertRefusedAsync(EndpointAttack attack, string surface)
    {
        var address = NextAddress();
        using var request = attack.Request(address);
        var oauth = request.RequestUri!.OriginalString.StartsWith(OAuthTokenPath, StringComparison.Ordinal);
        using var response = await host.Client.SendAsync(request);
        var body = await AssertRefusalAsync(response, attack.Status, attack.Code, oauth);
        if (attack.AuditReason is not null)
        {
            AssertAudited(oauth ? "oauth-token" : surface, attack.AuditReason, address, attack.AuditEvent);
        }

        return body;
    }

    /// <summary>A token-endpoint refusal: status, error code of the envelope (or OAuth's <c>error</c>), not cached.</summary>
    public static async Task<System.Text.Json.JsonElement> AssertRefusalAsync(HttpResponseMessage response, System.Net.HttpStatusCode status, string code, bool oauth = false)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var body = await Json.ReadAsync(response);
        Assert.Equal(code, oauth ? body.GetProperty("error").GetString() : body.GetProperty("error").GetProperty("code").GetString());
        return body;
    }

    /// <summary>The audit line (event 1001 by default) for a refusal on <paramref name="surface"/> with <paramref name="reason"/> from <paramref name="remote"/>.</summary>
    public void AssertAudited(string surface, string reason, string remote, int eventId = 1001) =>
        AssertLogged($"[{eventId}] ", $" on {surface}: {reason} ", $"remote {remote})");

    /// <summary>Some log line holds every one of <paramref name="fragments"/>.</summary>
    public void AssertLogged(params string[] fragments)
    {
        var lines = host.Logs.Lines.ToArray();
        Assert.True(
            lines.Any(line => fragments.All(fragment => line.Contains(fragment, StringComparison.Ordinal))),
            $"No log line holds all of [{string.Join(" | ", fragments)}]. Last auth lines:\n{string.Join('\n', lines.Where(line => line.Contains("CampaignMcp.Auth", StringComparison.Ordinal)).TakeLast(10))}");
    }

    /// <summary>Neither the credential nor, for a JWT, its payload segment reaches any log line.</summary>
    public void AssertNeverLogged(string credential)
    {
        var lines = host.Logs.Lines.ToArray();
        Assert.DoesNotContain(lines, line => line.Contains(credential, StringComparison.Ordinal));
        var segments = credential.Split('.');
        if (segments.Length >= 2 && segments[1].Length >= 16)
        {
            Assert.DoesNotContain(lines, line => line.Contains(segments[1], StringComparison.Ordinal));
        }
    }
}
