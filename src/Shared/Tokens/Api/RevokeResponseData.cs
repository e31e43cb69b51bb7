using System.Text.Json;
using CampaignMcp.Configuration;
using CampaignMcp.Http;
using CampaignMcp.Tokens.Grants;
using Microsoft.AspNetCore.Http;

namespace CampaignMcp.Tokens.Api;

public sealed record RevokeResponseData(string Message);
