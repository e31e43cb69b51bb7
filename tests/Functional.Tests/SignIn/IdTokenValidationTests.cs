using CampaignMcp.SignIn;
using CampaignMcp.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignMcp.Functional.Tests.SignIn;

/// <summary>
/// OpenID Connect Core §3.1.3.7 against the real provider's discovery document and keys: ID tokens signed by the
/// provider's current key, each with one thing wrong, are refused; the same token with nothing wrong passes.
/// </summary>
public sealed class IdTokenValidationTests : IAsyncLifetime
{
    private const string Nonce = "nonce-of-this-request-0123456789";
    private OidcProviderProcess provider = null!;
    private RunningHost host = null!;

    public async Task InitializeAsync()
    {
        var baseUrl = $"http://127.0.0.1:{RunningHost.FreePort()}";
        provider = await OidcProviderProcess.StartAsync(baseUrl + "/api/v1/mcp/oauth/idp-callback");
        host = await RunningHost.StartAsync(provider.HostSettings(provider.Tenant, "Campaigns.Reader=campaigns:read"), baseUrl);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await provider.DisposeAsync();
    }

    [Fact]
    public async Task An_id_token_with_every_check_right_is_accepted_and_names_the_user()
    {
        var validation = await ValidateAsync(Claims());

        Assert.True(validation.IsValid, validation.Failure);
        Assert.Equal(provider.Tenant + "/oid-1", validation.User!.Subject);
        Assert.Equal("Alice Example", validation.User.Name);
        Assert.Equal(["Campaigns.Reader"], validation.User.Roles);
    }

    [Theory]
    [InlineData("nonce", "wrong nonce")]
    [InlineData("aud", "wrong audience")]
    [InlineData("iss", "wrong issuer")]
    [InlineData("exp", "expired")]
    [InlineData("no-nonce", "wrong nonce")]
    public async Task An_id_token_with_one_thing_wrong_is_refused(string wrong, string failure)
    {
        var claims = Claims();
        var now = host.Time.GetUtcNow().ToUnixTimeSeconds();
        switch (wrong)
        {
            case "nonce": claims["nonce"] = "another-requests-nonce"; break;
            case "aud": claims["aud"] = "another-app"; break;
            case "iss": claims["iss"] = provider.Issuer + "/other"; break;
            case "exp": claims["iat"] = now - 7200; claims["exp"] = now - 3600; break;
            case "no-nonce": claims.Remove("nonce"); break;
        }

        var validation = await ValidateAsync(claims);

        Assert.False(validation.IsValid);
        Assert.Equal(failure, validation.Failure);
    }

    [Fact]
    public async Task An_id_token_that_was_current_is_refused_once_the_clock_passes_its_expiry()
    {
        var claims = Claims();
        Assert.True((await ValidateAsync(claims)).IsValid);

        host.Time.Advance(TimeSpan.FromHours(2));

        Assert.Equal("expired", (await ValidateAsync(claims)).Failure);
    }

    private Dictionary<string, object> Claims()
    {
        var now = host.Time.GetUtcNow().ToUnixTimeSeconds();
        return new()
        {
            ["iss"] = provider.Issuer,
            ["aud"] = OidcProviderProcess.ClientId,
            ["sub"] = "pairwise-alice",
            ["iat"] = now,
            ["exp"] = now + 3600,
            ["nonce"] = Nonce,
            ["tid"] = provider.Tenant,
            ["oid"] = "oid-1",
            ["name"] = "Alice Example",
            ["roles"] = new[] { "Campaigns.Reader" },
        };
    }

    private async Task<IdTokenValidation> ValidateAsync(Dictionary<string, object> claims) =>
        await host.Services.GetRequiredService<IdentityProviderClient>().ValidateIdTokenAsync(await provider.MintAsync(claims), Nonce, CancellationToken.None);
}
