using System;
using System.Collections.Immutable;
using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace CityEdge.NanoGuard
{
    /// <summary>
    /// Makes the .NET nanoFramework 1.x language and API subset a build error for the portable core, which the host
    /// (net10.0) compiler would otherwise accept. The BCL surface comes from the AdditionalFiles item nanoframework-api.txt.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NanoGuardAnalyzer : DiagnosticAnalyzer
    {
        public const string AllowListFileName = "nanoframework-api.txt";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Rules.All;

        public override void Initialize(AnalysisContext context)
        {
            // Generated files (e.g. the SDK's AssemblyInfo attributes) never reach the device build.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(OnCompilationStart);
        }

        private static void OnCompilationStart(CompilationStartAnalysisContext context)
        {
            // Parsed once per compilation; every node action below shares it.
            AllowList list = LoadAllowList(context.Options.AdditionalFiles, context.CancellationToken);
            if (list == null)
            {
                // Language rules still run; only the API check needs the list, and its absence must not pass silently.
                context.RegisterCompilationEndAction(c => c.ReportDiagnostic(
                    Diagnostic.Create(Rules.MissingAllowList, Location.None, AllowListFileName)));
            }

            var checker = new Checker(context.Compilation, list);
            context.RegisterSyntaxNodeAction(checker.AnalyzeName, SyntaxKind.IdentifierName, SyntaxKind.GenericName);
            context.RegisterSyntaxNodeAction(checker.AnalyzePredefinedType, SyntaxKind.PredefinedType);
            context.RegisterSyntaxNodeAction(checker.AnalyzeObjectCreation,
                SyntaxKind.ObjectCreationExpression, SyntaxKind.ImplicitObjectCreationExpression);
            context.RegisterSyntaxNodeAction(checker.AnalyzeElementAccess,
                SyntaxKind.ElementAccessExpression, SyntaxKind.ElementBindingExpression);
            context.RegisterSyntaxNodeAction(checker.AnalyzeConstructorInitializer,
                SyntaxKind.BaseConstructorInitializer, SyntaxKind.ThisConstructorInitializer);
            context.RegisterSyntaxNodeAction(checker.AnalyzeModifiers,
                SyntaxKind.ClassDeclaration, SyntaxKind.StructDeclaration, SyntaxKind.InterfaceDeclaration,
                SyntaxKind.RecordDeclaration, SyntaxKind.RecordStructDeclaration, SyntaxKind.DelegateDeclaration,
                SyntaxKind.MethodDeclaration, SyntaxKind.ConstructorDeclaration, SyntaxKind.DestructorDeclaration,
                SyntaxKind.OperatorDeclaration, SyntaxKind.ConversionOperatorDeclaration, SyntaxKind.PropertyDeclaration,
                SyntaxKind.IndexerDeclaration, SyntaxKind.EventDeclaration, SyntaxKind.FieldDeclaration,
                SyntaxKind.EventFieldDeclaration, SyntaxKind.LocalFunctionStatement, SyntaxKind.SimpleLambdaExpression,
                SyntaxKind.ParenthesizedLambdaExpression, SyntaxKind.AnonymousMethodExpression);
            context.RegisterSyntaxNodeAction(checker.AnalyzeTypeParameterList, SyntaxKind.TypeParameterList);
            context.RegisterSyntaxNodeAction(checker.AnalyzeAnonymousObject, SyntaxKind.AnonymousObjectCreationExpression);
            context.RegisterSyntaxNodeAction(checker.AnalyzeRecord, SyntaxKind.RecordDeclaration, SyntaxKind.RecordStructDeclaration);
            context.RegisterSyntaxNodeAction(checker.AnalyzeQuery, SyntaxKind.QueryExpression);
            context.RegisterSyntaxNodeAction(checker.AnalyzeTuple, SyntaxKind.TupleType, SyntaxKind.TupleExpression);
            context.RegisterSyntaxNodeAction(checker.AnalyzeNullableType, SyntaxKind.NullableType);
            context.RegisterSyntaxNodeAction(checker.AnalyzeArrayType, SyntaxKind.ArrayType);
            context.RegisterSyntaxNodeAction(checker.AnalyzeImplicitArray, SyntaxKind.ImplicitArrayCreationExpression);
            context.RegisterSyntaxNodeAction(checker.AnalyzeYield, SyntaxKind.YieldReturnStatement, SyntaxKind.YieldBreakStatement);
            context.RegisterSyntaxNodeAction(checker.AnalyzeUnsafeStatement, SyntaxKind.UnsafeStatement);
            context.RegisterSyntaxNodeAction(checker.AnalyzeStackAlloc,
                SyntaxKind.StackAllocArrayCreationExpression, SyntaxKind.ImplicitStackAllocArrayCreationExpression);
            context.RegisterSyntaxNodeAction(checker.AnalyzeChecked, SyntaxKind.CheckedExpression, SyntaxKind.CheckedStatement);
            context.RegisterSyntaxNodeAction(checker.AnalyzeInterpolation, SyntaxKind.Interpolation);
            context.RegisterSyntaxNodeAction(checker.AnalyzeConcatenation, SyntaxKind.AddExpression);
        }

        private static AllowList LoadAllowList(ImmutableArray<AdditionalText> files, System.Threading.CancellationToken cancellationToken)
        {
            foreach (AdditionalText file in files)
            {
                if (!string.Equals(Path.GetFileName(file.Path), AllowListFileName, StringComparison.OrdinalIgnoreCase))
                    continue;
                SourceText text = file.GetText(cancellationToken);
                if (text != null)
                    return AllowList.Parse(text);
            }
            return null;
        }
    }
}
