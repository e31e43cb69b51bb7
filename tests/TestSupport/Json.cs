using System.Text.Json;

namespace CampaignMcp.TestSupport;

public static class Json
{
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static StringContent Body(string json, string mediaType = "application/json") => new(json, System.Text.Encoding.UTF8, mediaType);
}
