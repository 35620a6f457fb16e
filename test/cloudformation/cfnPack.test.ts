// The cfn pack on whole templates: short-form intrinsics keep the document, intrinsic values stay quiet, JSON and YAML
// forms of one template report the same rules on the same lines, and other YAML/JSON never triggers a cfn rule.
import * as assert from 'assert';
import * as path from 'path';
import { initEngine, scan, type RuleSet } from '../../server/src/engine';
import { ensureSchema, loadPackPath } from '../../server/src/engine/packLoader';
import { buildRuleSet } from '../../server/src/engine/ruleSet';
import { defaultRulesDir } from '../../server/src/engine/nodeFs';

const YAML_TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Acl: {Type: String}
  Port: {Type: Number}
Conditions:
  Open: !Equals [!Ref Acl, PublicRead]
Resources:
  Site:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "\${AWS::StackName}-site"
      AccessControl: PublicRead
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault: {SSEAlgorithm: AES256}
  Maybe:
    Type: AWS::S3::Bucket
    Properties:
      AccessControl: !If [Open, PublicRead, Private]
      BucketEncryption: !GetAtt Settings.Encryption
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: !Join [" ", [ssh, !Ref Port]]
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: 0.0.0.0/0
        - IpProtocol: tcp
          FromPort: !Ref Port
          ToPort: !Ref Port
          CidrIp: 0.0.0.0/0
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      StorageEncrypted: !Ref Acl
      PubliclyAccessible: !If [Open, true, false]
`;

// The same template in JSON, with long-form intrinsics ({"Ref": ...}, {"Fn::If": [...]}).
const JSON_TEMPLATE = `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Parameters": { "Acl": { "Type": "String" }, "Port": { "Type": "Number" } },
  "Conditions": { "Open": { "Fn::Equals": [{ "Ref": "Acl" }, "PublicRead"] } },
  "Resources": {
    "Site": {
      "Type": "AWS::S3::Bucket",
      "Properties": {
        "BucketName": { "Fn::Sub": "\${AWS::StackName}-site" },
        "AccessControl": "PublicRead",
        "BucketEncryption": { "ServerSideEncryptionConfiguration": [{ "ServerSideEncryptionByDefault": { "SSEAlgorithm": "AES256" } }] }
      }
    },
    "Maybe": {
      "Type": "AWS::S3::Bucket",
      "Properties": {
        "AccessControl": { "Fn::If": ["Open", "PublicRead", "Private"] },
        "BucketEncryption": { "Fn::GetAtt": ["Settings", "Encryption"] }
      }
    },
    "Sg": {
      "Type": "AWS::EC2::SecurityGroup",
      "Properties": {
        "GroupDescription": "ssh",
        "SecurityGroupIngress": [
          { "IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0" },
          { "IpProtocol": "tcp", "FromPort": { "Ref": "Port" }, "ToPort": { "Ref": "Port" }, "CidrIp": "0.0.0.0/0" }
        ]
      }
    },
    "Db": {
      "Type": "AWS::RDS::DBInstance",
      "Properties": { "Engine": "mysql", "StorageEncrypted": { "Ref": "Acl" }, "PubliclyAccessible": { "Fn::If": ["Open", true, false] } }
    }
  }
}
`;

function found(text: string, languageId: string, rs: RuleSet): Array<[string, number]> {
  return scan(text, languageId, rs, { path: `template.${languageId}` })
    .findings.map((f): [string, number] => [f.ruleId, f.range.start.line])
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
}

describe('cfn pack on whole templates', function () {
  this.timeout(30_000);
  let rs: RuleSet;
  before(async () => {
    await initEngine();
    const rulesDir = defaultRulesDir();
    ensureSchema(rulesDir);
    const { packs, problems } = loadPackPath(path.join(rulesDir, 'cloudformation'));
    assert.deepStrictEqual(problems, []);
    rs = buildRuleSet(packs, { minConfidence: 'low' }).ruleSet;
  });

  it('keeps a YAML template full of short-form intrinsics and reports only the literal problems', () => {
    assert.deepStrictEqual(found(YAML_TEMPLATE, 'yaml', rs), [
      ['cfn/s3-public-acl', 11],
      // On the CidrIp key of the ingress item, three lines below its `- IpProtocol: tcp`.
      ['cfn/sg-admin-port-open-to-world', 28],
    ]);
  });

  it('reports the same rules for the JSON form, with long-form intrinsics quiet', () => {
    const ids = (xs: Array<[string, number]>) => xs.map(([id]) => id);
    const json = found(JSON_TEMPLATE, 'json', rs);
    assert.deepStrictEqual(ids(json), ids(found(YAML_TEMPLATE, 'yaml', rs)));
    assert.deepStrictEqual(json, [
      ['cfn/s3-public-acl', 9],
      // The one-line item's CidrIp sits on the item's own line.
      ['cfn/sg-admin-port-open-to-world', 25],
    ]);
  });

  it('reports on the offending key inside multi-line JSON list items, not on their opening brace', () => {
    const json = `{
  "Resources": {
    "Admin": {
      "Type": "AWS::IAM::Policy",
      "Properties": {
        "PolicyDocument": {
          "Statement": [
            {
              "Effect": "Allow",
              "Action": "*",
              "Resource": "*"
            }
          ]
        }
      }
    },
    "Sg": {
      "Type": "AWS::EC2::SecurityGroup",
      "Properties": {
        "SecurityGroupIngress": [
          {
            "IpProtocol": "tcp",
            "FromPort": 3389,
            "ToPort": 3389,
            "CidrIp": "0.0.0.0/0"
          }
        ]
      }
    }
  }
}
`;
    assert.deepStrictEqual(found(json, 'json', rs), [
      ['cfn/iam-wildcard-policy', 9],
      ['cfn/sg-admin-port-open-to-world', 24],
    ]);
  });

  it('reads a short-form !Ref as a reference, never as the literal parameter name', () => {
    const yaml = `Parameters:
  SSHLocation: {Type: String, Default: 0.0.0.0/0}
Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: !Ref SSHLocation
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: SSHLocation
`;
    assert.deepStrictEqual(found(yaml, 'yaml', rs), [['cfn/sg-admin-cidr-parameter-defaults-open', 10]]);
  });

  it('never fires on YAML or JSON that is not a CloudFormation template', () => {
    const k8s = `apiVersion: v1
kind: ConfigMap
metadata:
  annotations:
    note: "mirrors AWS::S3::Bucket settings"
data:
  Resources: |
    Type: AWS::S3::Bucket
  AccessControl: PublicRead
  IsLogging: "false"
`;
    const pkg = `{ "name": "x", "description": "deploys AWS::S3::Bucket", "Properties": { "AccessControl": "PublicRead", "StorageEncrypted": false } }\n`;
    assert.deepStrictEqual(found(k8s, 'yaml', rs), []);
    assert.deepStrictEqual(found(pkg, 'json', rs), []);
  });
});
