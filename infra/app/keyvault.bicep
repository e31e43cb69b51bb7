// Key Vault with RBAC (no access policies) holding API_KEY and MCP_JWT_SECRET. The values arrive as
// secure parameters, so they stay out of outputs and deployment history.
param location string
param tags object
param name string

@description('Purge protection: a deleted vault then stays for the 7-day retention and cannot be purged (see main.bicep).')
param enablePurgeProtection bool

@secure()
param apiKey string

@secure()
param jwtSecret string

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    // Omitted rather than false when off: the service refuses false, and once on it can never be turned off.
    // https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview#purge-protection
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
  }
}

resource apiKeySecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'api-key'
  properties: { value: apiKey, contentType: 'API_KEY' }
}

resource jwtSecretSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'mcp-jwt-secret'
  properties: { value: jwtSecret, contentType: 'MCP_JWT_SECRET' }
}

output name string = vault.name
output apiKeySecretUri string = apiKeySecret.properties.secretUri
output jwtSecretSecretUri string = jwtSecretSecret.properties.secretUri
