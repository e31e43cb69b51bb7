using CampaignMcp.Configuration;
using CampaignMcp.Mcp;
using CampaignMcp.Tokens;

namespace CampaignMcp.Tests.Mcp;

public class BearerChallengeTests
{
    private static readonly BearerChallenge Challenge = new(new DeploymentSettings { Environment = DeploymentEnvironment.Production, PublicBaseUrl = "https://mcp.example.com" }, new Microsoft.AspNetCore.Http.HttpContextAccessor());

    [Theory]
    [InlineData("client \"claude\" is not allowed", "client 'claude' is not allowed")]
    [InlineData("path C:\\keys", "path C:/keys")]
    [InlineData("line\nbreak\tand café", "line?break?and caf?")]
    public void Error_descriptions_keep_to_the_characters_RFC_6750_allows(string description, string expected)
    {
        foreach (var header in new[] { Challenge.InvalidToken(description), Challenge.InsufficientScope(ScopeSet.None, description) })
        {
            Assert.Contains($"error_description=\"{expected}\"", header, StringComparison.Ordinal);
            var value = header[(header.IndexOf("error_description=\"", StringComparison.Ordinal) + 19)..^1];
            Assert.All(value, character => Assert.True(character is >= ' ' and <= '~' and not '"' and not '\\', $"U+{(int)character:X4} in {value}"));
        }
    }
}
