// The app's user-assigned managed identity. It exists, and roles.bicep grants it every role, before the
// Function App is created: Key Vault references, host storage, the deployment container and telemetry then
// work from the app's first start. A system-assigned identity only exists with the site, so its roles would
// land after the app settings are written, and an unresolved reference would reach the app as literal text.
// https://learn.microsoft.com/azure/app-service/app-service-key-vault-references#access-vaults-with-a-user-assigned-identity
param location string
param tags object
param name string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
