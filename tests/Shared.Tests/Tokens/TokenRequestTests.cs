using System.Text;
using CampaignMcp.Http;
using CampaignMcp.Tokens.Api;

namespace CampaignMcp.Tests.Tokens;

public class TokenRequestTests
{
    [Fact]
    public void A_valid_body_gives_the_client_and_its_scopes_in_canonical_order()
    {
        var parsed = TokenRequest.Parse("""{"client_id":" claude ","scope":"tools:call campaigns:read tools:call"}"""u8);
        Assert.True(parsed.Succeeded);
        var request = parsed.Value;
        Assert.Null(parsed.Error);
        Assert.Equal("claude", request.ClientId);
        Assert.Equal(["campaigns:read", "tools:call"], request.Scopes);
    }

    // Found by fuzzing: JsonElement.GetString() threw InvalidOperationException on these (a 500 from the token endpoint).
    [Theory]
    [InlineData("""{"client_id":"\ud800"}""")]
    [InlineData("""{"client_id":"claude","scope":["\udc00"]}""")]
    [InlineData("""{"client_id":"claude","scope":"campaigns:read \ud83d"}""")]
    public void An_escaped_unpaired_surrogate_is_not_valid_json(string body)
    {
        var parsed = TokenRequest.Parse(Encoding.UTF8.GetBytes(body));
        Assert.Null(parsed.Value);
        Assert.Equal(new ApiError(ApiErrorCodes.InvalidRequest, "The request body is not valid JSON"), parsed.Error);
    }

    [Theory]
    [InlineData(new byte[] { 0xC3, 0x28 })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xFF })]
    public void Invalid_utf8_in_a_string_is_not_valid_json(byte[] invalid)
    {
        byte[] body = [.. "{\"client_id\":\"claude"u8, .. invalid, .. "\"}"u8];
        var parsed = TokenRequest.Parse(body);
        Assert.Null(parsed.Value);
        Assert.Equal("The request body is not valid JSON", parsed.Error?.Message);
    }
}
