extension PolicyDocument {
    /// Evaluates the policy against a request as IAM does within one policy: an applying Deny wins, otherwise
    /// an applying Allow allows, otherwise the request is implicitly denied. Every statement is evaluated in
    /// full, so the ``Decision`` can say exactly why.
    ///
    /// Where IAM's documentation leaves a case open, the answer that denies access is taken: in an Allow
    /// statement the undetermined part does not match, in a Deny statement it does.
    public func evaluate(_ request: AuthorizationRequest) -> Decision {
        let results = statements.enumerated().map { index, statement in
            statement.evaluate(request, substitutesPolicyVariables: substitutesPolicyVariables, index: index)
        }
        let outcome: Decision.Outcome =
            if results.contains(where: { $0.applies && $0.effect == .deny }) {
                .explicitDeny
            } else if results.contains(where: { $0.applies && $0.effect == .allow }) {
                .allow
            } else {
                .implicitDeny
            }
        return Decision(outcome: outcome, statements: results)
    }
}

extension Statement {
    /// Evaluates this statement: it applies when the principal, action and resource match and every
    /// condition holds. `substitutesPolicyVariables` should be the document's (Version `2012-10-17`).
    public func evaluate(_ request: AuthorizationRequest, substitutesPolicyVariables: Bool = true, index: Int = 0)
        -> StatementResult
    {
        let principalMatch = evaluatePrincipal(request)
        let actionMatch = evaluateAction(request.action)
        let resourceMatch = evaluateResource(request, substitutesPolicyVariables: substitutesPolicyVariables)
        let options = ConditionEvaluationOptions(substitutesPolicyVariables: substitutesPolicyVariables, effect: effect)
        let evaluations = conditions.map { $0.evaluate(in: request.context, options: options) }
        let applies =
            principalMatch.matched && actionMatch.matched && resourceMatch.matched
            && evaluations.allSatisfy(\.result)
        return StatementResult(
            index: index, sid: sid, effect: effect, principal: principalMatch, action: actionMatch,
            resource: resourceMatch, conditions: evaluations, applies: applies)
    }

    private func evaluatePrincipal(_ request: AuthorizationRequest) -> ElementMatch {
        if let principal {
            let (t, why) = PrincipalMatching.match(principal, request.principal)
            return element(t, why)
        }
        if let notPrincipal {
            let (t, why) = PrincipalMatching.match(notPrincipal, request.principal)
            return element(!t, .notPrincipal(why, excluded: t == .yes))
        }
        return ElementMatch(true, .absent(element: "Principal"))
    }

    private func evaluateAction(_ action: String) -> ElementMatch {
        switch self.action {
        case .actions(let patterns):
            if let p = patterns.first(where: { Wildcard.matches(action, pattern: $0, foldASCIICase: true) }) {
                return ElementMatch(true, .actionMatches(action: action, pattern: p))
            }
            return ElementMatch(false, .actionMatchesNone(action: action, patterns: patterns))
        case .notActions(let patterns):
            if let p = patterns.first(where: { Wildcard.matches(action, pattern: $0, foldASCIICase: true) }) {
                return ElementMatch(false, .excludedByNotAction(action: action, pattern: p))
            }
            return ElementMatch(true, .notExcludedByNotAction(action: action, patterns: patterns))
        }
    }

    private func evaluateResource(_ request: AuthorizationRequest, substitutesPolicyVariables: Bool) -> ElementMatch {
        guard let resource else { return ElementMatch(true, .absent(element: "Resource")) }
        let patterns = resource.patterns
        guard let target = request.resource else {
            // Only "*" certainly covers an unspecified resource.
            let any: Truth = patterns.contains("*") ? .yes : .unknown
            switch resource {
            case .resources: return element(any, .noRequestResource)
            case .notResources: return element(!any, .noRequestResource)
            }
        }
        var any = Truth.no
        var matchedPattern = ""
        for pattern in patterns {
            var t: Truth
            if substitutesPolicyVariables, PolicyVariables.mayContainVariable(pattern) {
                let resolved = PolicyVariables.resolve(pattern, in: request.context, wildcards: true)
                t = resolved.unresolved.isEmpty ? Truth(Wildcard.matches(target, tokens: resolved.tokens)) : .unknown
            } else {
                t = Truth(Wildcard.matches(target, pattern: pattern))
            }
            if t == .yes {
                any = .yes
                matchedPattern = pattern
                break
            }
            any = any || t
        }
        switch resource {
        case .resources:
            // A pattern whose variable has no value does not match (as in conditions).
            if any == .yes { return ElementMatch(true, .resourceMatches(resource: target, pattern: matchedPattern)) }
            return ElementMatch(false, .resourceMatchesNone(resource: target, patterns: patterns))
        case .notResources:
            if any == .yes {
                return ElementMatch(false, .excludedByNotResource(resource: target, pattern: matchedPattern))
            }
            return element(!any, .notExcludedByNotResource(resource: target, patterns: patterns))
        }
    }

    /// An element result, resolving an undetermined match conservatively for this statement's effect.
    private func element(_ t: Truth, _ why: ElementReason) -> ElementMatch {
        guard t == .unknown else { return ElementMatch(t == .yes, why) }
        let resolved = t.resolved(for: effect)
        return ElementMatch(resolved, .undetermined(why, resolvedTo: resolved))
    }
}
