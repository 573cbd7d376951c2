using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CityEdge.NanoGuard
{
    /// <summary>The guard's checks for one compilation. Thread-safe: node actions run concurrently.</summary>
    internal sealed class Checker
    {
        /// <summary>A rule a type breaks, with its message arguments.</summary>
        private sealed class Finding
        {
            public readonly DiagnosticDescriptor Rule;
            public readonly object[] Args;

            public Finding(DiagnosticDescriptor rule, params object[] args)
            {
                Rule = rule;
                Args = args;
            }
        }

        // Non-generic replacements nanoFramework offers for System.Collections.Generic types.
        private static readonly Dictionary<string, string> GenericCollectionReplacements = new Dictionary<string, string>
        {
            ["List`1"] = "System.Collections.ArrayList",
            ["Dictionary`2"] = "System.Collections.Hashtable",
            ["IDictionary`2"] = "System.Collections.IDictionary",
            ["HashSet`1"] = "System.Collections.Hashtable (keys only)",
            ["Queue`1"] = "System.Collections.Queue",
            ["Stack`1"] = "System.Collections.Stack",
            ["IEnumerable`1"] = "System.Collections.IEnumerable",
            ["IEnumerator`1"] = "System.Collections.IEnumerator",
            ["ICollection`1"] = "System.Collections.ICollection",
            ["IList`1"] = "System.Collections.IList",
            ["KeyValuePair`2"] = "System.Collections.DictionaryEntry",
            ["IEqualityComparer`1"] = "System.Collections.IEqualityComparer",
            ["IComparer`1"] = "System.Collections.IComparer",
        };

        private static readonly HashSet<string> SpanTypes = new HashSet<string> { "Span", "ReadOnlySpan", "Memory", "ReadOnlyMemory" };

        // Error-message style, without the '?' annotations of the host BCL's nullable metadata.
        private static readonly SymbolDisplayFormat Display = SymbolDisplayFormat.CSharpErrorMessageFormat
            .RemoveMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        private static readonly Finding DynamicFinding = new Finding(Rules.Dynamic);

        private readonly Compilation _compilation;
        private readonly AllowList _list; // null when nanoframework-api.txt is missing: the API checks are off
        private readonly string _ownAssemblyPrefix;

        // The same few types are mentioned everywhere; their verdicts are computed once.
        private readonly ConcurrentDictionary<INamedTypeSymbol, Finding> _typeFindings =
            new ConcurrentDictionary<INamedTypeSymbol, Finding>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _listedTypes =
            new ConcurrentDictionary<INamedTypeSymbol, bool>(SymbolEqualityComparer.Default);

        public Checker(Compilation compilation, AllowList list)
        {
            _compilation = compilation;
            _list = list;
            // Sibling projects (CityEdge.Drivers referencing CityEdge.Core) are our source too, not BCL.
            string name = compilation.AssemblyName ?? "";
            int dot = name.IndexOf('.');
            _ownAssemblyPrefix = dot > 0 ? name.Substring(0, dot + 1) : null;
        }

        public void AnalyzeName(SyntaxNodeAnalysisContext context)
        {
            var name = (SimpleNameSyntax)context.Node;
            if (name.IsVar || InDocumentation(name))
                return; // var: the inferred type is checked where its value comes from; crefs never reach the device
            switch (context.SemanticModel.GetSymbolInfo(name, context.CancellationToken).Symbol)
            {
                case ITypeSymbol type:
                    CheckType(context, type, name.GetLocation());
                    break;
                case IMethodSymbol method when method.Name == "ToString" && IsEnumReceiver(context, name):
                    Report(context, Rules.EnumToString, name.GetLocation(), "'" + CallText(name) + "'");
                    break;
                case ISymbol member when member is IMethodSymbol || member is IPropertySymbol || member is IFieldSymbol || member is IEventSymbol:
                    CheckMember(context, member, name.GetLocation(), ArgumentCount(name), name);
                    break;
            }
        }

        public void AnalyzePredefinedType(SyntaxNodeAnalysisContext context)
        {
            if (!InDocumentation(context.Node) && context.SemanticModel.GetSymbolInfo(context.Node, context.CancellationToken).Symbol is ITypeSymbol type)
                CheckType(context, type, context.Node.GetLocation());
        }

        public void AnalyzeObjectCreation(SyntaxNodeAnalysisContext context)
        {
            var creation = (BaseObjectCreationExpressionSyntax)context.Node;
            if (!(context.SemanticModel.GetSymbolInfo(creation, context.CancellationToken).Symbol is IMethodSymbol constructor))
                return;
            int arguments = creation.ArgumentList?.Arguments.Count ?? 0;
            if (creation is ObjectCreationExpressionSyntax explicitType)
                CheckMember(context, constructor, explicitType.Type.GetLocation(), arguments, typeNamedHere: true);
            else
                CheckMember(context, constructor, creation.GetLocation(), arguments);
        }

        public void AnalyzeElementAccess(SyntaxNodeAnalysisContext context)
        {
            BracketedArgumentListSyntax arguments = context.Node is ElementAccessExpressionSyntax access
                ? access.ArgumentList
                : ((ElementBindingExpressionSyntax)context.Node).ArgumentList;
            if (context.SemanticModel.GetSymbolInfo(context.Node, context.CancellationToken).Symbol is IPropertySymbol indexer)
                CheckMember(context, indexer, arguments.GetLocation(), arguments.Arguments.Count);
        }

        public void AnalyzeConstructorInitializer(SyntaxNodeAnalysisContext context)
        {
            var initializer = (ConstructorInitializerSyntax)context.Node;
            if (context.SemanticModel.GetSymbolInfo(initializer, context.CancellationToken).Symbol is IMethodSymbol constructor)
            {
                CheckMember(context, constructor, initializer.ThisOrBaseKeyword.GetLocation(),
                    initializer.ArgumentList.Arguments.Count, typeNamedHere: true);
            }
        }

        public void AnalyzeModifiers(SyntaxNodeAnalysisContext context)
        {
            SyntaxTokenList modifiers;
            string asyncWhat;
            switch (context.Node)
            {
                case MethodDeclarationSyntax method:
                    modifiers = method.Modifiers;
                    asyncWhat = "method '" + method.Identifier.Text + "'";
                    break;
                case LocalFunctionStatementSyntax local:
                    modifiers = local.Modifiers;
                    asyncWhat = "local function '" + local.Identifier.Text + "'";
                    break;
                case AnonymousFunctionExpressionSyntax lambda:
                    modifiers = lambda.Modifiers;
                    asyncWhat = "anonymous function";
                    break;
                default:
                    modifiers = ((MemberDeclarationSyntax)context.Node).Modifiers;
                    asyncWhat = "member";
                    break;
            }
            foreach (SyntaxToken modifier in modifiers)
            {
                if (modifier.IsKind(SyntaxKind.AsyncKeyword))
                    Report(context, Rules.Async, modifier.GetLocation(), asyncWhat);
                else if (modifier.IsKind(SyntaxKind.UnsafeKeyword))
                    Report(context, Rules.Unsafe, modifier.GetLocation(), "unsafe");
            }
        }

        public void AnalyzeTypeParameterList(SyntaxNodeAnalysisContext context)
        {
            var list = (TypeParameterListSyntax)context.Node;
            SyntaxToken identifier;
            switch (list.Parent)
            {
                case TypeDeclarationSyntax type: identifier = type.Identifier; break;
                case DelegateDeclarationSyntax @delegate: identifier = @delegate.Identifier; break;
                case MethodDeclarationSyntax method: identifier = method.Identifier; break;
                case LocalFunctionStatementSyntax local: identifier = local.Identifier; break;
                default: return;
            }
            Report(context, Rules.Generic, list.GetLocation(), identifier.Text + list, "declare it for object or a specific type");
        }

        public void AnalyzeAnonymousObject(SyntaxNodeAnalysisContext context) =>
            Report(context, Rules.Generic, ((AnonymousObjectCreationExpressionSyntax)context.Node).NewKeyword.GetLocation(),
                "An anonymous type (compiled to a generic class)", "declare a class or struct");

        public void AnalyzeRecord(SyntaxNodeAnalysisContext context)
        {
            var record = (RecordDeclarationSyntax)context.Node;
            Report(context, Rules.Record, record.Keyword.GetLocation(), record.Identifier.Text);
        }

        public void AnalyzeQuery(SyntaxNodeAnalysisContext context) =>
            Report(context, Rules.Linq, ((QueryExpressionSyntax)context.Node).FromClause.GetLocation(), "A query expression");

        public void AnalyzeTuple(SyntaxNodeAnalysisContext context)
        {
            if (!InDocumentation(context.Node))
                Report(context, Rules.Tuple, context.Node.GetLocation(), context.Node.ToString());
        }

        public void AnalyzeNullableType(SyntaxNodeAnalysisContext context)
        {
            // 'string?' is only an annotation; 'int?' is System.Nullable<int>.
            if (InDocumentation(context.Node))
                return;
            ITypeSymbol type = context.SemanticModel.GetTypeInfo(context.Node, context.CancellationToken).Type;
            if (type != null && type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
                Report(context, Rules.Nullable, context.Node.GetLocation(), context.Node.ToString());
        }

        public void AnalyzeArrayType(SyntaxNodeAnalysisContext context)
        {
            var array = (ArrayTypeSyntax)context.Node;
            if (InDocumentation(array))
                return;
            string jagged = array.ElementType.ToString();
            bool multidimensional = false;
            foreach (ArrayRankSpecifierSyntax rank in array.RankSpecifiers)
            {
                multidimensional |= rank.Rank > 1;
                for (int i = 0; i < rank.Rank; i++)
                    jagged += "[]";
            }
            if (multidimensional)
                Report(context, Rules.MultidimensionalArray, array.GetLocation(), array.ToString(), jagged);
        }

        public void AnalyzeImplicitArray(SyntaxNodeAnalysisContext context)
        {
            var creation = (ImplicitArrayCreationExpressionSyntax)context.Node;
            if (creation.Commas.Count > 0)
                Report(context, Rules.MultidimensionalArray, creation.GetLocation(), "new[" + creation.Commas + "]", "new[] { new[] { ... } }");
        }

        public void AnalyzeYield(SyntaxNodeAnalysisContext context)
        {
            var statement = (YieldStatementSyntax)context.Node;
            Report(context, Rules.Iterator, statement.YieldKeyword.GetLocation(), statement.YieldKeyword.Text + " " + statement.ReturnOrBreakKeyword.Text);
        }

        public void AnalyzeUnsafeStatement(SyntaxNodeAnalysisContext context) =>
            Report(context, Rules.Unsafe, ((UnsafeStatementSyntax)context.Node).UnsafeKeyword.GetLocation(), "unsafe");

        public void AnalyzeStackAlloc(SyntaxNodeAnalysisContext context)
        {
            SyntaxToken keyword = context.Node is StackAllocArrayCreationExpressionSyntax explicitType
                ? explicitType.StackAllocKeyword
                : ((ImplicitStackAllocArrayCreationExpressionSyntax)context.Node).StackAllocKeyword;
            Report(context, Rules.Unsafe, keyword.GetLocation(), "stackalloc");
        }

        public void AnalyzeChecked(SyntaxNodeAnalysisContext context)
        {
            SyntaxToken keyword = context.Node is CheckedExpressionSyntax expression
                ? expression.Keyword
                : ((CheckedStatementSyntax)context.Node).Keyword;
            Report(context, Rules.Checked, keyword.GetLocation());
        }

        public void AnalyzeInterpolation(SyntaxNodeAnalysisContext context)
        {
            ExpressionSyntax value = ((InterpolationSyntax)context.Node).Expression;
            if (IsEnum(context.SemanticModel.GetTypeInfo(value, context.CancellationToken).Type))
                Report(context, Rules.EnumToString, value.GetLocation(), "Interpolating '" + value + "'");
        }

        public void AnalyzeConcatenation(SyntaxNodeAnalysisContext context)
        {
            var add = (BinaryExpressionSyntax)context.Node;
            SemanticModel model = context.SemanticModel;
            if (model.GetTypeInfo(add, context.CancellationToken).Type?.SpecialType != SpecialType.System_String)
                return;
            foreach (ExpressionSyntax operand in new[] { add.Left, add.Right })
            {
                if (IsEnum(model.GetTypeInfo(operand, context.CancellationToken).Type))
                    Report(context, Rules.EnumToString, operand.GetLocation(), "Concatenating '" + operand + "'");
            }
        }

        private void CheckType(SyntaxNodeAnalysisContext context, ITypeSymbol type, Location location)
        {
            Finding finding = FindingFor(type);
            if (finding != null)
                Report(context, finding.Rule, location, finding.Args);
            else if (type is INamedTypeSymbol named && IsCheckedAgainstList(named) && !IsListed(named))
                Report(context, Rules.TypeNotInApi, location, named.OriginalDefinition.ToDisplayString(Display));
        }

        /// <param name="argumentCount">Arguments written at the call, or -1 if the member is not called here.</param>
        /// <param name="name">The member's name at this use, if it has one: 'Console' in 'Console.WriteLine' names the type.</param>
        /// <param name="typeNamedHere">The containing type is spelled out at this use and so is checked on its own.</param>
        private void CheckMember(SyntaxNodeAnalysisContext context, ISymbol member, Location location, int argumentCount,
            SimpleNameSyntax name = null, bool typeNamedHere = false)
        {
            if (member.IsImplicitlyDeclared)
                return;
            if (member is IMethodSymbol method)
            {
                if (method.IsGenericMethod)
                {
                    ReportGenericMethod(context, method, location);
                    return;
                }
                if (method.ReducedFrom != null)
                {
                    // x.Ext(a) is Ext(x, a): the list names the static method with its 'this' parameter.
                    member = method.ReducedFrom;
                    argumentCount = argumentCount < 0 ? argumentCount : argumentCount + 1;
                }
            }
            else if (member is IPropertySymbol property && property.Name == "Now" && property.ContainingType.SpecialType == SpecialType.System_DateTime)
            {
                Report(context, Rules.DateTimeNow, location);
                return;
            }

            INamedTypeSymbol type = member.ContainingType;
            // A generic/tuple/... containing type is reported where it is named; delegates always have Invoke and a constructor.
            if (type == null || FindingFor(type) != null || !IsCheckedAgainstList(type) || type.TypeKind == TypeKind.Delegate)
                return;
            if (!IsListed(type))
            {
                if (!typeNamedHere && !(name != null && ReceiverIsTypeName(context, name)))
                    Report(context, Rules.TypeNotInApi, location, type.OriginalDefinition.ToDisplayString(Display));
            }
            else if (!_list.HasMember(member, argumentCount))
            {
                Report(context, Rules.MemberNotInApi, location, member.OriginalDefinition.ToDisplayString(Display));
            }
        }

        private static void ReportGenericMethod(SyntaxNodeAnalysisContext context, IMethodSymbol method, Location location)
        {
            IMethodSymbol definition = (method.ReducedFrom ?? method).OriginalDefinition;
            string name = definition.ContainingType.ToDisplayString(Display) + "." + definition.Name
                + "<" + string.Join(", ", definition.TypeParameters) + ">";
            string ns = definition.ContainingNamespace?.ToDisplayString() ?? "";
            if (IsLinqNamespace(ns))
                Report(context, Rules.Linq, location, name);
            else
                Report(context, Rules.Generic, location, name, "write a non-generic method for object or a specific type");
        }

        /// <summary>The language-subset rule a type breaks, or null.</summary>
        private Finding FindingFor(ITypeSymbol type)
        {
            if (type.TypeKind == TypeKind.Dynamic)
                return DynamicFinding;
            return type is INamedTypeSymbol named ? _typeFindings.GetOrAdd(named, ComputeFinding) : null;
        }

        private static Finding ComputeFinding(INamedTypeSymbol type)
        {
            INamedTypeSymbol definition = type.OriginalDefinition;
            string ns = definition.ContainingNamespace?.ToDisplayString() ?? "";
            string display = definition.ToDisplayString(Display);
            if (type.IsTupleType || (ns == "System" && definition.Name == "ValueTuple"))
                return new Finding(Rules.Tuple, type.ToDisplayString(Display));
            if (definition.SpecialType == SpecialType.System_Nullable_T)
                return new Finding(Rules.Nullable, type.ToDisplayString(Display));
            if (ns == "System" && SpanTypes.Contains(definition.Name))
                return new Finding(Rules.Span, display);
            if (ns == "System.Collections.Generic")
            {
                GenericCollectionReplacements.TryGetValue(definition.MetadataName, out string replacement);
                return new Finding(Rules.GenericCollection, display,
                    replacement ?? "System.Collections.ArrayList, System.Collections.Hashtable or an array");
            }
            if (IsLinqNamespace(ns))
                return new Finding(Rules.Linq, display);
            if (type.IsAnonymousType)
                return new Finding(Rules.Generic, "An anonymous type (compiled to a generic class)", "declare a class or struct");
            for (INamedTypeSymbol t = definition; t != null; t = t.ContainingType)
            {
                if (t.TypeParameters.Length > 0)
                {
                    return new Finding(Rules.Generic, display, definition.TypeKind == TypeKind.Delegate
                        ? "declare a non-generic delegate"
                        : "use a non-generic type (object, a specific type or System.Collections)");
                }
            }
            return null;
        }

        private bool IsListed(INamedTypeSymbol type) => _listedTypes.GetOrAdd(type, t => _list.HasType(t));

        /// <summary>BCL symbols are checked against the list; our own source, and with no list nothing, is not.</summary>
        private bool IsCheckedAgainstList(INamedTypeSymbol type)
        {
            if (_list == null || type.TypeKind == TypeKind.Error || type.ContainingAssembly == null)
                return false;
            IAssemblySymbol assembly = type.ContainingAssembly;
            return !SymbolEqualityComparer.Default.Equals(assembly, _compilation.Assembly)
                && !(_ownAssemblyPrefix != null && assembly.Name.StartsWith(_ownAssemblyPrefix, StringComparison.Ordinal));
        }

        // Type names in doc-comment crefs (and #if symbols) are never compiled into the device build.
        private static bool InDocumentation(SyntaxNode node) => node.IsPartOfStructuredTrivia();

        private static bool IsLinqNamespace(string ns) => ns == "System.Linq" || ns.StartsWith("System.Linq.", StringComparison.Ordinal);

        private static bool IsEnum(ITypeSymbol type) =>
            type != null && (type.TypeKind == TypeKind.Enum || type.SpecialType == SpecialType.System_Enum);

        private static bool IsEnumReceiver(SyntaxNodeAnalysisContext context, SimpleNameSyntax name) =>
            name.Parent is MemberAccessExpressionSyntax access && access.Name == name
            && IsEnum(context.SemanticModel.GetTypeInfo(access.Expression, context.CancellationToken).Type);

        private static string CallText(SimpleNameSyntax name)
        {
            SyntaxNode access = name.Parent;
            return (access.Parent is InvocationExpressionSyntax call ? call : access).ToString();
        }

        /// <summary>'Console' in 'Console.WriteLine': the type is named (and checked) right there.</summary>
        private static bool ReceiverIsTypeName(SyntaxNodeAnalysisContext context, SimpleNameSyntax name) =>
            name.Parent is MemberAccessExpressionSyntax access && access.Name == name
            && context.SemanticModel.GetSymbolInfo(access.Expression, context.CancellationToken).Symbol is ITypeSymbol;

        /// <summary>Arguments written where the member is called (method or attribute constructor), else -1.</summary>
        private static int ArgumentCount(SimpleNameSyntax name)
        {
            SyntaxNode callee = name;
            if ((name.Parent is MemberAccessExpressionSyntax access && access.Name == name)
                || name.Parent is MemberBindingExpressionSyntax
                || (name.Parent is QualifiedNameSyntax qualified && qualified.Right == name))
            {
                callee = name.Parent;
            }
            switch (callee.Parent)
            {
                case InvocationExpressionSyntax call when call.Expression == callee:
                    return call.ArgumentList.Arguments.Count;
                case AttributeSyntax attribute:
                    int count = 0;
                    foreach (AttributeArgumentSyntax argument in attribute.ArgumentList?.Arguments ?? default)
                    {
                        if (argument.NameEquals == null)
                            count++;
                    }
                    return count;
                default:
                    return -1;
            }
        }

        private static void Report(SyntaxNodeAnalysisContext context, DiagnosticDescriptor rule, Location location, params object[] args) =>
            context.ReportDiagnostic(Diagnostic.Create(rule, location, args));
    }
}
