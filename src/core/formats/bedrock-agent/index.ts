import type { FormatModule } from '../../manifest/kit.js'
import { mapCloudFormation } from './map-cloudformation.js'
import { mapTerraform } from './map-terraform.js'
import { ID } from './spec.js'

/**
 * Amazon Bedrock agents declared as infrastructure, in CloudFormation / SAM
 * templates and in Terraform: see MAPPING.md.
 */
function matchPath(path: string): 'yes' | 'maybe' | 'no' {
  return /\.(tf|ya?ml|json|template)$/i.test(path) ? 'maybe' : 'no'
}

const CFN_AGENT = /AWS::Bedrock::Agent["'\s,}]/
const TF_AGENT = /\baws_bedrockagent_agent\b/

function sniff(head: string, path: string): boolean {
  return /\.tf$/i.test(path) ? TF_AGENT.test(head) : CFN_AGENT.test(head)
}

const format: FormatModule = {
  id: ID,
  title: 'Amazon Bedrock agent (CloudFormation, Terraform)',
  nameEndings: ['.tf', '.yaml', '.yml', '.json', '.template'],
  matchPath,
  sniff,
  parse: (file) =>
    /\.tf$/i.test(file.path) ? mapTerraform(file) : mapCloudFormation(file),
}
export default format
