using CampaignMcp.Tokens;
using ModelContextProtocol;

namespace CampaignMcp.Mcp;

/// <summary>Why a message was not authorized, so that HTTP can answer 401/403/503 with the right challenge.</summary>
public sealed record McpAuthFailure(McpErrorCode JsonRpcCode, string Message, TokenFailure TokenFailure, ScopeSet MissingScopes, ScopeSet GrantedScopes);
