// Campaign MCP on Azure: `azd up` provisions this and deploys src/Functions.
// Function App (Flex Consumption, dotnet-isolated), Storage (identity only), Azure SignalR Service
// (Serverless, upstream to the message handler), Key Vault (RBAC) and Application Insights.
targetScope = 'subscription'

@minLength(1)
@maxLength(40)
@description('azd environment name; names and tags every resource.')
param environmentName string

@minLength(1)
@description('Azure region (one that offers the Flex Consumption plan).')
param location string

@secure()
@description('API_KEY: generate with `dotnet run --project src/Cli -- secrets --format azd`.')
param apiKey string

@secure()
@description('MCP_JWT_SECRET: at least 256 bits; same generator.')
param jwtSecret string

@description('MCP_CORS_ORIGIN: comma-separated browser origins; also the SignalR Service CORS list.')
param corsOrigins string = 'https://claude.ai,https://chat.openai.com,https://cursor.sh'

@description('MCP_ALLOWED_CLIENTS: client ids that may obtain tokens.')
param allowedClients string = 'claude,chatgpt,cursor,vscode,continue'

@description('MCP_TOKEN_EXPIRY: 90s, 30m, 24h, 7d or seconds.')
param tokenExpiry string = '24h'

@description('.NET version of the isolated worker on Flex Consumption; must match the project TargetFramework.')
param dotnetVersion string = '10.0'

@allowed([ 'Free_F1', 'Standard_S1', 'Premium_P1' ])
param signalRSku string = 'Standard_S1'

@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@allowed([ 512, 2048, 4096 ])
param instanceMemoryMB int = 2048

var token = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var functionAppName = 'func-${token}'
var deploymentContainerName = 'app-package-${take(token, 12)}'
// Known before the app exists, so the SignalR upstream and the app can be created without a cycle.
var functionHostName = '${functionAppName}.azurewebsites.net'

resource resourceGroup 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    logAnalyticsName: 'log-${token}'
    applicationInsightsName: 'appi-${token}'
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    name: 'st${take(token, 20)}'
    deploymentContainerName: deploymentContainerName
  }
}

module keyVault 'app/keyvault.bicep' = {
  name: 'keyvault'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    name: 'kv-${take(token, 20)}'
    apiKey: apiKey
    jwtSecret: jwtSecret
  }
}

module signalR 'app/signalr.bicep' = {
  name: 'signalr'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    name: 'sigr-${token}'
    sku: signalRSku
    upstreamUrlTemplate: 'https://${functionHostName}/api/v1/mcp/signalr/upstream/{hub}/{category}/{event}'
    keyVaultName: keyVault.outputs.name
    corsOrigins: split(corsOrigins, ',')
  }
}

module functionApp 'app/functionapp.bicep' = {
  name: 'functionapp'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    name: functionAppName
    planName: 'plan-${token}'
    storageAccountName: storage.outputs.name
    deploymentContainerUrl: '${storage.outputs.blobEndpoint}${deploymentContainerName}'
    storageTableEndpoint: storage.outputs.tableEndpoint
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    dotnetVersion: dotnetVersion
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    apiKeySecretUri: keyVault.outputs.apiKeySecretUri
    jwtSecretSecretUri: keyVault.outputs.jwtSecretSecretUri
    signalRConnectionStringSecretUri: signalR.outputs.connectionStringSecretUri
    tokenExpiry: tokenExpiry
    allowedClients: allowedClients
    corsOrigins: corsOrigins
  }
}

module roles 'app/roles.bicep' = {
  name: 'roles'
  scope: resourceGroup
  params: {
    principalId: functionApp.outputs.principalId
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
  }
}

output AZURE_LOCATION string = location
output AZURE_RESOURCE_GROUP string = resourceGroup.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output MCP_SERVER_URL string = 'https://${functionApp.outputs.defaultHostName}'
output AZURE_SIGNALR_NAME string = signalR.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
