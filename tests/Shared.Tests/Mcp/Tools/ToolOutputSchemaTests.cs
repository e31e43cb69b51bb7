using System.Text.Json;
using System.Text.Json.Nodes;
using CampaignMcp.Campaigns;
using CampaignMcp.TestSupport;

namespace CampaignMcp.Tests.Mcp.Tools;

/// <summary>
/// Every tool that returns <c>structuredContent</c> declares an <c>outputSchema</c>, and what it returns conforms
/// (MCP 2025-11-25 tools, "Output Schema": clients validate structured results against it).
/// </summary>
public sealed class ToolOutputSchemaTests : IDisposable
{
    private readonly McpTestServices services = new();
    private readonly ToolCalls tools;

    public ToolOutputSchemaTests() => tools = new ToolCalls(services);

    public void Dispose() => services.Dispose();

    [Theory]
    [InlineData("list_campaigns", "{}")]
    [InlineData("list_campaigns", """{"limit":100,"sort":"roas_desc","status":["draft","scheduled"]}""")]
    [InlineData("list_campaigns", """{"text":"no campaign has this text"}""")]
    [InlineData("get_campaign", """{"id":"cmp-0001"}""")]
    [InlineData("campaign_performance", """{"group_by":"channel"}""")]
    [InlineData("campaign_performance", """{"group_by":"status"}""")]
    [InlineData("campaign_performance", """{"group_by":"month","channel":"video"}""")]
    [InlineData("campaign_performance", """{"text":"no campaign has this text"}""")]
    [InlineData("export_campaigns", """{"format":"json","max_rows":3}""")]
    public async Task Structured_content_conforms_to_the_declared_output_schema(string tool, string arguments)
    {
        var definition = (await tools.ListAsync())[tool];
        var result = await tools.CallAsync(tool, arguments);
        ToolCalls.AssertSucceeded(result);

        if (!result.TryGetProperty("structuredContent", out var structured))
        {
            Assert.False(definition.TryGetProperty("outputSchema", out _), $"{tool} declares an outputSchema but returns no structuredContent");
            return;
        }

        Assert.True(definition.TryGetProperty("outputSchema", out var schema), $"{tool} returns structuredContent without an outputSchema");
        Assert.Equal("object", schema.GetProperty("type").GetString());
        Assert.Empty(JsonSchemaSubset.Validate(schema, structured));
    }

    [Theory]
    [InlineData("list_campaigns")]
    [InlineData("get_campaign")]
    [InlineData("campaign_performance")]
    public async Task Every_declared_property_has_a_type(string tool)
    {
        // Decimals are written by a custom converter, which the schema exporter alone would declare as "true" (anything).
        var schema = (await tools.ListAsync())[tool].GetProperty("outputSchema");
        var untyped = new List<string>();
        void Walk(JsonElement node, string path)
        {
            if (node.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            if (node.TryGetProperty("properties", out var properties))
            {
                foreach (var property in properties.EnumerateObject())
                {
                    if (property.Value.ValueKind != JsonValueKind.Object
                        || !(property.Value.TryGetProperty("type", out _) || property.Value.TryGetProperty("enum", out _) || property.Value.TryGetProperty("$ref", out _)))
                    {
                        untyped.Add($"{path}.{property.Name}");
                    }

                    Walk(property.Value, $"{path}.{property.Name}");
                }
            }

            if (node.TryGetProperty("items", out var items))
            {
                Walk(items, path + "[]");
            }
        }

        Walk(schema, "$");
        Assert.Empty(untyped);
        if (tool == "get_campaign")
        {
            Assert.Equal("""["number","null"]""", schema.GetProperty("properties").GetProperty("metrics").GetProperty("properties").GetProperty("ctr").GetProperty("type").GetRawText());
        }
    }

    [Fact]
    public async Task Every_campaign_as_get_campaign_returns_it_conforms()
    {
        // The sample data has campaigns with no spend, clicks or conversions, whose metrics are null.
        var schema = (await tools.ListAsync())["get_campaign"].GetProperty("outputSchema");
        var nullMetrics = 0;
        await foreach (var campaign in services.Get<ICampaignStore>().ScanAsync(CampaignFilter.All, CancellationToken.None))
        {
            var structured = (await tools.CallAsync("get_campaign", new JsonObject { ["id"] = campaign.Id })).GetProperty("structuredContent");
            Assert.Empty(JsonSchemaSubset.Validate(schema, structured));
            nullMetrics += structured.GetProperty("metrics").GetProperty("roas").ValueKind == JsonValueKind.Null ? 1 : 0;
        }

        Assert.True(nullMetrics > 0, "no campaign exercised a null metric");
    }

    [Theory]
    [InlineData("remove", "total_matched", "required property 'total_matched' is missing")]
    [InlineData("add", "page", "property 'page' is not allowed")]
    [InlineData("replace", "returned", "expected integer")]
    [InlineData("status", "archived", "is not one of")]
    [InlineData("start_date", "31/12/2026", "is not a date")]
    [InlineData("next_cursor", "42", "expected string or null")]
    public async Task The_schema_refuses_content_that_differs_from_what_the_tool_returns(string change, string name, string error)
    {
        var schema = (await tools.ListAsync())["list_campaigns"].GetProperty("outputSchema");
        var content = JsonNode.Parse((await tools.CallAsync("list_campaigns", "{}")).GetProperty("structuredContent").GetRawText())!.AsObject();
        switch (change)
        {
            case "remove": content.Remove(name); break;
            case "add": content[name] = 2; break;
            case "replace": content[name] = "25"; break;
            case "next_cursor": content[change] = int.Parse(name, System.Globalization.CultureInfo.InvariantCulture); break;
            default: content["campaigns"]![0]![change] = name; break;
        }

        var errors = JsonSchemaSubset.Validate(schema, JsonSerializer.SerializeToElement(content));
        Assert.Contains(errors, e => e.Contains(error, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Tools_with_structured_results_declare_an_output_schema_and_export_does_not()
    {
        var listed = await tools.ListAsync();
        Assert.Equal(["campaign_performance", "get_campaign", "list_campaigns"], listed.Where(t => t.Value.TryGetProperty("outputSchema", out _)).Select(t => t.Key).Order());
    }
}
