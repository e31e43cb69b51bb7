using CampaignMcp.Security.Tests.Support.Fuzzing;
using CampaignMcp.SignalR;
using CsCheck;
using Microsoft.AspNetCore.Http;
using Xunit.Abstractions;

namespace CampaignMcp.Security.Tests.Fuzzing.Parsers;

/// <summary>What the SignalR upstream endpoint reads from the service: the <c>X-ASRS-*</c> headers and the hub message body.</summary>
public sealed class UpstreamRequestFuzzTests(ITestOutputHelper output)
{
    private static readonly string[] RequiredHeaders = [UpstreamRequest.ConnectionIdHeader, UpstreamRequest.HubHeader, UpstreamRequest.CategoryHeader, UpstreamRequest.EventHeader];

    [Fact]
    public Task Headers_never_make_the_reader_throw_and_a_missing_one_is_named()
    {
        var value = Gen.Frequency((2, Gen.Const("")), (3, FuzzInputs.Text), (1, Gen.OneOf("mcp", "messages", "connections", "connected", "jsonrpc", "asrs.s.uid: claude, mcp.token: x")));
        var headers = Gen.Select(value, value, value, value, value, value, value);
        return FuzzRun.RunAsync("upstream-headers", headers, 5_000, input =>
        {
            var (connection, hub, category, eventName, user, claims, signature) = input;
            var dictionary = new HeaderDictionary
            {
                [UpstreamRequest.ConnectionIdHeader] = connection,
                [UpstreamRequest.HubHeader] = hub,
                [UpstreamRequest.CategoryHeader] = category,
                [UpstreamRequest.EventHeader] = eventName,
                [UpstreamRequest.UserIdHeader] = user,
                [UpstreamRequest.UserClaimsHeader] = claims,
                [UpstreamRequest.SignatureHeader] = signature,
            };
            var request = UpstreamRequest.FromHeaders(dictionary, out var missing);
            var firstEmpty = RequiredHeaders.FirstOrDefault(name => dictionary[name].ToString().Length == 0);
            Assert.Equal(firstEmpty, missing);
            Assert.Equal(firstEmpty is null, request is not null);
        }, output);
    }

    [Fact]
    public Task Claims_never_make_the_reader_throw_and_well_formed_ones_round_trip()
    {
        var safe = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz.:_-0123456789"], 1, 30].Where(text => !text.Contains(": ", StringComparison.Ordinal));
        var claims = Gen.Dictionary(safe.Where(key => !key.Contains(':', StringComparison.Ordinal)), safe)[0, 8];
        var cases = Gen.Frequency(
            (1, claims.Select(pairs => (Header: UpstreamRequest.FormatClaims(pairs), Expected: (IReadOnlyDictionary<string, string>?)pairs))),
            (1, FuzzInputs.Text.Select(text => (Header: text, Expected: (IReadOnlyDictionary<string, string>?)null))));
        return FuzzRun.RunAsync("upstream-claims", cases, 10_000, input =>
        {
            var parsed = UpstreamRequest.ParseClaims(input.Header);
            Assert.All(parsed, claim => Assert.NotEmpty(claim.Key));
            if (input.Expected is { } expected)
            {
                Assert.Equal(expected.OrderBy(pair => pair.Key, StringComparer.Ordinal), parsed.OrderBy(pair => pair.Key, StringComparer.Ordinal));
            }
        }, output);
    }

    [Fact]
    public Task Bodies_never_make_the_hub_message_reader_throw() =>
        FuzzRun.RunAsync("upstream-body", BodyInputs.HubMessageBodies("not-a-token"), 10_000, body =>
        {
            // Null (not one hub message) or a message: never an exception.
            _ = HubMessages.Parse(body);
        }, output);
}
