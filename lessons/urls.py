from django.urls import path

from .views import (
    comments,
    editor,
    history,
    home,
    invitations,
    materials,
    members,
    steps,
    unitplans,
    yearly,
)

app_name = "lessons"

plan = "<int:plan_id>/"
step = plan + "steps/<int:step_id>/"

urlpatterns = [
    path("", home.my_lessons, name="my_lessons"),
    path("new/", home.new_plan, name="new"),
    path("add-material/<int:page_id>/", materials.add_material, name="add_material"),
    # Classes, unit plans (単元指導計画) and yearly plans (年間指導計画): issue #15.
    path("classes/<int:class_id>/", unitplans.class_page, name="class_page"),
    path("classes/<int:class_id>/units/new/", unitplans.new_unit_plan, name="new_unit_plan"),
    path("classes/<int:class_id>/yearly/", yearly.new_yearly_plan, name="new_yearly_plan"),
    path("units/<int:unit_id>/", unitplans.unit_plan, name="unit_plan"),
    path("units/<int:unit_id>/edit/", unitplans.edit_unit_plan, name="edit_unit_plan"),
    path(
        "units/<int:unit_id>/lessons/<int:number>/plan/",
        unitplans.lesson_plan,
        name="unit_lesson_plan",
    ),
    path("units/<int:unit_id>/copy/", unitplans.copy_unit_plan, name="copy_unit_plan"),
    path("units/<int:unit_id>/visibility/", unitplans.unit_visibility, name="unit_visibility"),
    path("yearly/<int:plan_id>/", yearly.yearly_plan, name="yearly_plan"),
    path("yearly/<int:plan_id>/rows/add/", yearly.add_row, name="yearly_add_row"),
    path("yearly/<int:plan_id>/import/", yearly.import_csv, name="yearly_import"),
    path("yearly/<int:plan_id>/export.csv", yearly.export_csv, name="yearly_export"),
    path(plan, editor.plan_editor, name="plan"),
    path(plan + "details/", editor.show_header, name="header"),
    path(plan + "details/edit/", editor.edit_header, name="edit_header"),
    path(plan + "visibility/", editor.change_visibility, name="visibility"),
    path(plan + "delete/", editor.delete_plan, name="delete"),
    path(plan + "duplicate/", home.duplicate, name="duplicate"),
    path(plan + "steps/add/", steps.add, name="add_step"),
    path(plan + "steps/reorder/", steps.reorder, name="reorder_steps"),
    path(plan + "steps/materials/", steps.material_search, name="material_search"),
    path(step, steps.show, name="step"),
    path(step + "edit/", steps.edit, name="edit_step"),
    path(step + "delete/", steps.delete, name="delete_step"),
    path(step + "move/", steps.move, name="move_step"),
    path(plan + "co-planners/", members.members, name="members"),
    path(plan + "co-planners/colleagues/", members.colleagues, name="colleagues"),
    path(plan + "co-planners/<int:member_id>/", members.update_member, name="update_member"),
    path(
        plan + "invitations/<int:invitation_id>/revoke/",
        members.revoke_invitation,
        name="revoke_invitation",
    ),
    path("invitations/<str:token>/", invitations.invitation, name="invitation"),
    path(plan + "leave/", members.leave, name="leave"),
    path(plan + "transfer/", members.transfer, name="transfer"),
    path(plan + "history/", history.history, name="history"),
    path(plan + "history/compare/", history.compare_revisions, name="compare"),
    path(plan + "history/<int:number>/", history.revision, name="revision"),
    path(plan + "history/<int:number>/restore/", history.restore, name="restore"),
    path(plan + "history/<int:number>/name/", history.name_revision, name="name_revision"),
    path(plan + "comments/", comments.add_comment, name="add_comment"),
    path(
        plan + "comments/<int:comment_id>/delete/", comments.delete_comment, name="delete_comment"
    ),
]
