using CampaignMcp.Http;
using CampaignMcp.Security.Tests.Support.Fuzzing;
using CampaignMcp.Tokens;
using CampaignMcp.Tokens.Api;
using Xunit.Abstractions;

namespace CampaignMcp.Security.Tests.Fuzzing.Parsers;

/// <summary>The token endpoint's JSON body parser.</summary>
public sealed class TokenRequestFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public Task The_parser_never_throws_and_returns_a_request_or_a_reason() =>
        FuzzRun.RunAsync("token-request-parser", BodyInputs.TokenRequestBodies(), 20_000, body =>
        {
            var parsed = TokenRequest.Parse(body);
            if (!parsed.Succeeded)
            {
                Assert.False(string.IsNullOrWhiteSpace(parsed.Error.Message));
                Assert.Contains(parsed.Error.Code, new[] { ApiErrorCodes.InvalidRequest, ApiErrorCodes.InvalidScope });
                return;
            }

            var request = parsed.Value;
            Assert.Null(parsed.Error);
            Assert.InRange(request.ClientId.Length, 1, TokenRequest.MaximumClientIdLength);
            Assert.Equal(request.ClientId.Trim(), request.ClientId);
            Assert.NotEmpty(request.Scopes);
            Assert.All(request.Scopes, scope => Assert.True(Scopes.IsKnown(scope), scope));
            Assert.Equal(request.Scopes.Distinct(), request.Scopes);
        }, output);
}
