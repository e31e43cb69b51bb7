using CampaignMcp.Campaigns;
using CampaignMcp.Mcp.Prompts;
using CampaignMcp.Mcp.Resources;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace CampaignMcp.Mcp;

/// <summary><c>completion/complete</c> for campaign ids (prompt argument and resource template) and channel names.</summary>
public static class CampaignCompletions
{
    private const int MaximumValues = 100;

    public static async Task<CompleteResult> CompleteAsync(CampaignResources resources, CompleteRequestParams? request, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            throw new McpProtocolException("params are required", McpErrorCode.InvalidParams);
        }

        if (request.Ref is PromptReference prompt && !CampaignPrompts.All.Any(p => p.Name == prompt.Name))
        {
            // Like prompts/get for an unknown name: the reference is wrong, not merely without completions.
            throw new McpProtocolException($"Unknown prompt '{(prompt.Name.Length > 64 ? prompt.Name[..64] + "…" : prompt.Name)}'. Call prompts/list for the prompts available.", McpErrorCode.InvalidParams);
        }

        var prefix = request.Argument.Value ?? string.Empty;
        var candidates = (request.Ref, request.Argument.Name) switch
        {
            (PromptReference { Name: CampaignPrompts.ReviewPerformance }, "channel") => CampaignVocabulary.Channels.Keys,
            (PromptReference { Name: CampaignPrompts.DiagnoseCampaign }, "campaign_id") or (ResourceTemplateReference, "id") =>
                await resources.IdsStartingWithAsync(prefix, MaximumValues + 1, cancellationToken).ConfigureAwait(false),
            _ => [],
        };

        var matches = candidates.Where(value => value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).ToList();
        return new CompleteResult
        {
            Completion = new Completion { Values = matches.Take(MaximumValues).ToList(), HasMore = matches.Count > MaximumValues },
        };
    }
}
