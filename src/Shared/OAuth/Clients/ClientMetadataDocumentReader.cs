using System.Text.Json;
using CampaignMcp.Serialization;

namespace CampaignMcp.OAuth.Clients;

/// <summary>
/// The checks a fetched Client ID Metadata Document must pass (MCP authorization 2025-11-25, CIMD draft §4.1): JSON,
/// a <c>client_id</c> equal to the URL it was fetched from, usable client metadata.
/// </summary>
public static class ClientMetadataDocumentReader
{
    public static OAuthClientLookup Read(string clientId, Uri url, byte[] body)
    {
        var document = InteroperableJson.Parse(body, ClientMetadata.MaximumDepth, out var jsonProblem);
        if (document is null)
        {
            return new OAuthClientLookup.Refused($"The client's metadata document at {url.Host} {jsonProblem}.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new OAuthClientLookup.Refused($"The client's metadata document at {url.Host} is not a JSON object.");
            }

            if (!root.TryGetProperty("client_id", out var documentId) || documentId.ValueKind != JsonValueKind.String)
            {
                return new OAuthClientLookup.Refused($"The client's metadata document at {url.Host} has no client_id.");
            }

            // CIMD §4.1: compared as strings, exactly; the document cannot speak for another URL.
            if (!string.Equals(documentId.GetString(), clientId, StringComparison.Ordinal))
            {
                return new OAuthClientLookup.Refused($"The client's metadata document at {url.Host} names a different client_id than the address it was fetched from.");
            }

            if (ClientMetadata.Read(root, out var problem) is not { } metadata)
            {
                return new OAuthClientLookup.Refused($"The client's metadata document at {url.Host} cannot be used: {problem!.Message}");
            }

            return new OAuthClientLookup.Found(new OAuthClient(
                clientId,
                metadata.DisplayName(url.Host),
                metadata.RedirectUris,
                OAuthClientSource.MetadataDocument,
                metadata.ApplicationType,
                metadata.ClientUri,
                metadata.LogoUri));
        }
    }
}
