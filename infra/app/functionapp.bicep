// The Function App on the Flex Consumption plan, .NET isolated worker, system-assigned identity.
// App settings carry every variable the app reads, under the original server's names; secrets are
// Key Vault references only. Platform CORS stays empty on purpose: the app answers preflights
// itself from MCP_CORS_ORIGIN (platform CORS would intercept them without MCP's headers).
param location string
param tags object
param name string
param planName string
param storageAccountName string
param deploymentContainerUrl string
@description('The storage account\'s table endpoint, e.g. https://<account>.table.core.windows.net/')
param storageTableEndpoint string
param applicationInsightsConnectionString string
param dotnetVersion string
param maximumInstanceCount int
param instanceMemoryMB int
param apiKeySecretUri string
param jwtSecretSecretUri string
param signalRConnectionStringSecretUri string
param tokenExpiry string
param allowedClients string
param corsOrigins string

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: false
    keyVaultReferenceIdentity: 'SystemAssigned'
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      cors: { allowedOrigins: [] }
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: { type: 'SystemAssignedIdentity' }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: { name: 'dotnet-isolated', version: dotnetVersion }
    }
  }
}

resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: {
    // Host storage through the managed identity (no connection string, no key).
    AzureWebJobsStorage__accountName: storageAccountName
    AzureWebJobsStorage__credential: 'managedidentity'
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'
    // The original server's variables, with production values.
    NODE_ENV: 'production'
    MCP_AUTH_ENABLED: 'true'
    MCP_TOKEN_EXPIRY: tokenExpiry
    MCP_ALLOWED_CLIENTS: allowedClients
    MCP_CORS_ORIGIN: corsOrigins
    API_KEY: '@Microsoft.KeyVault(SecretUri=${apiKeySecretUri})'
    MCP_JWT_SECRET: '@Microsoft.KeyVault(SecretUri=${jwtSecretSecretUri})'
    AzureSignalRConnectionString: '@Microsoft.KeyVault(SecretUri=${signalRConnectionStringSecretUri})'
    // Campaigns and token state in Table Storage, through the identity (roles.bicep grants Storage Table
    // Data Contributor), in the identity-based form the Functions host documents for connections.
    MCP_STORE: 'table'
    MCP_STORAGE_CONNECTION__tableServiceUri: storageTableEndpoint
    MCP_STORAGE_CONNECTION__credential: 'managedidentity'
  }
}

// No FTP and no basic-auth publishing: deployments go through Entra ID (azd, az, GitHub OIDC).
resource ftp 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: { allow: false }
}

resource scm 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: { allow: false }
}

output name string = site.name
output principalId string = site.identity.principalId
output defaultHostName string = site.properties.defaultHostName
