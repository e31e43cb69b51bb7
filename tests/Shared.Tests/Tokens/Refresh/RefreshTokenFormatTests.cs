using CampaignMcp.Tokens;
using CampaignMcp.Tokens.Refresh;

namespace CampaignMcp.Tests.Tokens.Refresh;

public sealed class RefreshTokenFormatTests
{
    [Fact]
    public void A_composed_token_parses_back_to_its_family_and_secret()
    {
        var familyId = RefreshTokenFormat.NewFamilyId();
        var secret = RefreshTokenFormat.NewSecret();

        var token = RefreshTokenFormat.Compose(familyId, secret);

        Assert.Equal(RefreshTokenFormat.Length, token.Length);
        Assert.True(RefreshTokenFormat.TryParse(token, out var parsedFamily, out var parsedSecret));
        Assert.Equal(familyId, parsedFamily);
        Assert.Equal(secret, parsedSecret);
        Assert.Equal(familyId, RefreshTokenFormat.FamilyIdOf(token));
    }

    [Theory]
    [InlineData("wrong prefix", "mcpxx_")]
    [InlineData("no dot between family and secret", "mcprt_")]
    [InlineData("a character outside base64url", "mcprt_")]
    [InlineData("one character short", "mcprt_")]
    public void Anything_else_does_not_parse(string kind, string prefix)
    {
        var valid = RefreshTokenFormat.Compose(RefreshTokenFormat.NewFamilyId(), RefreshTokenFormat.NewSecret());
        var token = kind switch
        {
            "wrong prefix" => prefix + valid[prefix.Length..],
            "no dot between family and secret" => valid.Replace('.', 'A'),
            "a character outside base64url" => valid[..^1] + "+",
            _ => valid[..^1],
        };

        Assert.False(RefreshTokenFormat.TryParse(token, out _, out _));
        Assert.Null(RefreshTokenFormat.FamilyIdOf(token));
    }

    [Fact]
    public void The_stored_hash_is_the_pkce_s256_transform()
    {
        // RFC 7636 Appendix B: the verifier and the challenge S256 makes of it.
        Assert.Equal("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", Sha256Base64Url.Of("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
        Assert.Equal(Sha256Base64Url.Of("secret"), RefreshTokenFormat.Hash("secret"));
    }
}
