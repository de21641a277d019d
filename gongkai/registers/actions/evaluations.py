"""政策实施效果评价: a unit evaluates a policy document (policies) or a major decision (participation) on four
dimensions (执行标准 / 适用范围 / 取得成效 / 存在问题) by one or more methods, and concludes 继续执行 / 修改 / 废止.
A 修改 conclusion names the amending document, and the 修改 relation is recorded in the policy library through its
own service (``policies.services.add_relation``: its checks, its audit event, the derived validity) — or, when the
library already holds that relation (the amending decision was registered first), the evaluation links it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.db import transaction

from gongkai.audit import services as audit
from gongkai.orgs.models import Unit
from gongkai.participation.models import Decision
from gongkai.policies import services as policies
from gongkai.policies.models import PolicyDocument, PolicyRelation
from gongkai.policies.vocab import RelationKind

from ..errors import RegistersError
from ..models import Evaluation
from ..vocab import Conclusion, EvaluationMethod
from .common import link, past_date, require_record, text


@transaction.atomic
def record_evaluation(
    unit: Unit,
    *,
    actor,
    done_on: date | None,
    policy: PolicyDocument | None = None,
    decision: Decision | None = None,
    standards: str = "",
    coverage: str = "",
    results: str = "",
    problems: str = "",
    methods: Sequence[str] = (),
    findings: str,
    conclusion: str,
    amending_policy: PolicyDocument | None = None,
    clauses: Sequence[str] = (),
    result_link: str = "",
    demo_key: str = "",
) -> Evaluation:
    """Record a finished evaluation; a 修改 conclusion with the amending document records the relation."""
    require_record(actor, unit)
    if (policy is None) == (decision is None):
        raise RegistersError("请选择评价对象：一份政策文件或一项重大行政决策（二选一）。", field="policy")
    done = past_date(done_on, field="done_on", label="评价完成日期")
    dimensions = {
        "standards": text(standards, field="standards", label="执行标准", max_length=4000, required=False),
        "coverage": text(coverage, field="coverage", label="适用范围", max_length=4000, required=False),
        "results": text(results, field="results", label="取得成效", max_length=4000, required=False),
        "problems": text(problems, field="problems", label="存在问题", max_length=4000, required=False),
    }
    if not any(dimensions.values()):
        raise RegistersError(
            "请至少从执行标准、适用范围、取得成效、存在问题中的一个方面写明评价内容。", field="results"
        )
    chosen = [m for m in EvaluationMethod.values if m in set(methods)]
    if not chosen or len(chosen) != len(set(methods)):
        raise RegistersError(
            "请选择评价方法：问卷调查、座谈访谈、数据分析或第三方评估（可多选）。", field="methods"
        )
    if conclusion not in Conclusion.values:
        raise RegistersError("请选择评价结论：继续执行、修改或废止。", field="conclusion")
    if amending_policy is not None and conclusion != Conclusion.AMEND:
        raise RegistersError("只有评价结论为“修改”时才填写修改后的文件。", field="amending_policy")
    if amending_policy is not None and policy is None:
        raise RegistersError(
            "重大行政决策的评价不登记文件关系；修改文件请在政策文件库办理。", field="amending_policy"
        )
    evaluation = Evaluation.objects.create(
        unit=unit,
        policy=policy,
        decision=decision,
        subject_title=(policy.publication.title if policy is not None else decision.title)[:300],  # type: ignore[union-attr]  # one of the two is set (checked above)
        done_on=done,
        methods=chosen,
        findings=text(findings, field="findings", label="评价结论说明", max_length=4000),
        conclusion=conclusion,
        amending_policy=amending_policy,
        result_link=link(result_link, field="result_link"),
        created_by=actor if getattr(actor, "pk", None) else None,
        demo_key=demo_key,
        **dimensions,
    )
    if amending_policy is not None and policy is not None:
        # The amending decision may already be in the library (recorded when it was published): link that one.
        evaluation.relation = PolicyRelation.objects.filter(
            source=amending_policy, target=policy, kind=RelationKind.AMENDS
        ).first() or policies.add_relation(
            policy,
            actor=actor,
            kind=RelationKind.AMENDS,
            source=amending_policy,
            clauses=list(clauses),
            basis=f"政策实施效果评价（{done:%Y-%m-%d}）结论：修改",
        )
        evaluation.save(update_fields=["relation"])
    audit.record(
        actor=actor,
        action="registers.evaluation_recorded",
        obj=evaluation,
        unit=unit,
        after={
            "subject": evaluation.subject_title,
            "done_on": done,
            "methods": chosen,
            "conclusion": conclusion,
            "relation": evaluation.relation_id,
        },
    )
    return evaluation
