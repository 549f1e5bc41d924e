package dev.samstage.core.packaging;

/** A template with one resource for every kind of packageable property, for {@link SampleProject}. */
final class AllKinds {

    private AllKinds() {
    }

    static final String TEMPLATE = """
            AWSTemplateFormatVersion: '2010-09-09'
            Transform: AWS::Serverless-2016-10-31
            Description: every packageable property
            Globals:
              Function:
                Runtime: java21
                Timeout: 30
            Resources:
              JavaFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: com.example.Handler::handleRequest
                  MemorySize: 512
              DotFunction:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: .
                  Handler: com.example.Handler::handleRequest
              PythonFunction:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: code
                  Handler: app.handler
                  Runtime: python3.12
              S3Function:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: s3://elsewhere/code.zip
                  Handler: app.handler
                  Runtime: python3.12
              SubFunction:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri:
                    Bucket: !Sub ${AWS::AccountId}-code
                    Key: app.zip
                  Handler: app.handler
                  Runtime: python3.12
              SharedLayer:
                Type: AWS::Serverless::LayerVersion
                Properties:
                  ContentUri: layer
              Api:
                Type: AWS::Serverless::Api
                Properties:
                  StageName: dev
                  DefinitionUri: api/openapi.yaml
              HttpApi:
                Type: AWS::Serverless::HttpApi
                Properties:
                  DefinitionUri: api/openapi.yaml
              Flow:
                Type: AWS::Serverless::StateMachine
                Properties:
                  DefinitionUri: statemachine/flow.asl.json
                  Role: arn:aws:iam::123456789012:role/sfn
              App:
                Type: AWS::Serverless::Application
                Properties:
                  Location: nested/child.yaml
              Stack:
                Type: AWS::CloudFormation::Stack
                Properties:
                  TemplateURL: nested/child.yaml
              RawFunction:
                Type: AWS::Lambda::Function
                Properties:
                  Code: code
                  Handler: app.handler
                  Runtime: python3.12
                  Role: arn:aws:iam::123456789012:role/lambda
              RawLayer:
                Type: AWS::Lambda::LayerVersion
                Properties:
                  Content: layer
              RestApi:
                Type: AWS::ApiGateway::RestApi
                Properties:
                  Name: rest
                  BodyS3Location: api/openapi.yaml
              HttpApiV2:
                Type: AWS::ApiGatewayV2::Api
                Properties:
                  BodyS3Location: api/openapi.yaml
              RawFlow:
                Type: AWS::StepFunctions::StateMachine
                Properties:
                  RoleArn: arn:aws:iam::123456789012:role/sfn
                  DefinitionS3Location: statemachine/flow.asl.json
              GraphApi:
                Type: AWS::AppSync::GraphQLApi
                Properties:
                  Name: graph
                  AuthenticationType: API_KEY
              Schema:
                Type: AWS::AppSync::GraphQLSchema
                Properties:
                  ApiId: !GetAtt GraphApi.ApiId
                  DefinitionS3Location: graphql/schema.graphql
              Resolver:
                Type: AWS::AppSync::Resolver
                Properties:
                  ApiId: !GetAtt GraphApi.ApiId
                  TypeName: Query
                  FieldName: hello
                  DataSourceName: none
                  RequestMappingTemplateS3Location: graphql/request.vtl
                  ResponseMappingTemplateS3Location: graphql/response.vtl
              JsResolver:
                Type: AWS::AppSync::Resolver
                Properties:
                  ApiId: !GetAtt GraphApi.ApiId
                  TypeName: Query
                  FieldName: bye
                  DataSourceName: none
                  Runtime:
                    Name: APPSYNC_JS
                    RuntimeVersion: 1.0.0
                  CodeS3Location: graphql/resolver.js
              VtlFunction:
                Type: AWS::AppSync::FunctionConfiguration
                Properties:
                  ApiId: !GetAtt GraphApi.ApiId
                  Name: vtl
                  DataSourceName: none
                  FunctionVersion: '2018-05-29'
                  RequestMappingTemplateS3Location: graphql/request.vtl
                  ResponseMappingTemplateS3Location: graphql/response.vtl
              JsFunction:
                Type: AWS::AppSync::FunctionConfiguration
                Properties:
                  ApiId: !GetAtt GraphApi.ApiId
                  Name: js
                  DataSourceName: none
                  Runtime:
                    Name: APPSYNC_JS
                    RuntimeVersion: 1.0.0
                  CodeS3Location: graphql/resolver.js
              ServerlessGraph:
                Type: AWS::Serverless::GraphQLApi
                Properties:
                  SchemaUri: graphql/schema.graphql
                  Auth:
                    Type: API_KEY
                  Functions:
                    hello:
                      Runtime:
                        Name: APPSYNC_JS
                        Version: 1.0.0
                      DataSource: NONE
                      CodeUri: graphql/resolver.js
                  Resolvers:
                    Query:
                      hello:
                        Runtime:
                          Name: APPSYNC_JS
                          Version: 1.0.0
                        Pipeline:
                          - hello
                        CodeUri: graphql/resolver.js
              GlueJob:
                Type: AWS::Glue::Job
                Properties:
                  Role: arn:aws:iam::123456789012:role/glue
                  Command:
                    Name: glueetl
                    ScriptLocation: glue/job.py
              BeanstalkApp:
                Type: AWS::ElasticBeanstalk::Application
              BeanstalkVersion:
                Type: AWS::ElasticBeanstalk::ApplicationVersion
                Properties:
                  ApplicationName: !Ref BeanstalkApp
                  SourceBundle: bundle/site.zip
              Topic:
                Type: AWS::SNS::Topic
                Metadata:
                  Fn::Transform:
                    Name: AWS::Include
                    Parameters:
                      Location: include/snippet.yaml
            """;
}
