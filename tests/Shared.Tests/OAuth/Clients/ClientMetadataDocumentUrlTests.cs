using CampaignMcp.OAuth.Clients;

namespace CampaignMcp.Tests.OAuth.Clients;

public sealed class ClientMetadataDocumentUrlTests
{
    [Theory]
    [InlineData("https://app.example.com/client.json")]
    [InlineData("https://app.example.com:8443/oauth/client-metadata.json")]
    [InlineData("https://app.example.com/client?v=2")]
    public void Https_urls_with_a_path_are_document_urls(string clientId)
    {
        Assert.Null(ClientMetadataDocumentUrl.Problem(clientId, out var url));
        Assert.NotNull(url);
    }

    [Theory]
    [InlineData("http://app.example.com/client.json", "https://")]
    [InlineData("HTTPS://app.example.com/client.json", "https://")]
    [InlineData("https://app.example.com", "path")]
    [InlineData("https://app.example.com/", "path")]
    [InlineData("https://app.example.com?x=1", "path")]
    [InlineData("https://app.example.com/client.json#x", "fragment")]
    [InlineData("https://user:pw@app.example.com/client.json", "user name")]
    [InlineData("https://app.example.com/a/../client.json", "\"..\"")]
    [InlineData("https://app.example.com/./client.json", "\"..\"")]
    [InlineData("https://app.example.com/a/%2e%2e/client.json", "\"..\"")]
    [InlineData("https://app.example.com/client .json", "spaces")]
    public void Other_urls_are_refused_with_the_reason(string clientId, string expected)
    {
        var problem = ClientMetadataDocumentUrl.Problem(clientId, out var url);
        Assert.NotNull(problem);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
        Assert.Null(url);
    }
}
